package dev.ludus.leaderboard;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The order of {@link Ranking} as a treap (a binary search tree kept balanced by random heap
 * priorities) whose nodes count their subtree, so that a node's position and the number of nodes
 * with a higher score both come from subtree sizes in O(log n) expected time.
 *
 * <p>The caller owns the nodes: it must take a node out before changing its key, never insert a
 * node twice, and guard the tree (it is not thread-safe).
 */
final class OrderTree {

    /**
     * One user's standing: the tree's key (score, reachedAt, userId), the version, and the links.
     * Fields are primitives so that a million of them stay small (56 bytes each with compressed
     * references, the user id string aside).
     */
    static final class Node {
        final String userId;
        long score;
        long reachedAt;
        long version;
        private Node left;
        private Node right;
        private int size = 1;
        private final int priority;

        Node(String userId, long score, long reachedAt, long version, int priority) {
            this.userId = userId;
            this.score = score;
            this.reachedAt = reachedAt;
            this.version = version;
            this.priority = priority;
        }

        Ranking.Standing standing() {
            return new Ranking.Standing(userId, score, reachedAt, version);
        }
    }

    private final RandomGenerator priorities;
    private Node root;

    OrderTree(RandomGenerator priorities) {
        this.priorities = priorities;
    }

    /** A node that is not in the tree yet, with a random priority. */
    Node newNode(String userId, long score, long reachedAt, long version) {
        return new Node(userId, score, reachedAt, version, priorities.nextInt());
    }

    long size() {
        return size(root);
    }

    void insert(Node node) {
        node.left = null;
        node.right = null;
        node.size = 1;
        root = insert(root, node);
    }

    /** Takes out a node that is in the tree. */
    void remove(Node node) {
        root = remove(root, node);
    }

    void clear() {
        root = null;
    }

    /** The node's place in the order, from 0. */
    long position(Node node) {
        long before = 0;
        Node at = root;
        while (at != null) {
            int order = compare(node, at);
            if (order == 0) {
                return before + size(at.left);
            }
            if (order < 0) {
                at = at.left;
            } else {
                before += size(at.left) + 1;
                at = at.right;
            }
        }
        throw new IllegalStateException("the node of " + node.userId + " is not in the order");
    }

    /** How many nodes have a score strictly higher than {@code score}. */
    long countHigher(long score) {
        long count = 0;
        Node at = root;
        while (at != null) {
            if (at.score > score) {
                count += size(at.left) + 1;
                at = at.right;
            } else {
                at = at.left;
            }
        }
        return count;
    }

    /**
     * Visits up to {@code limit} nodes in order from {@code position}: O(log n + limit). The
     * visitor must not change the tree.
     */
    void visit(long position, int limit, Consumer<Node> visitor) {
        ArrayDeque<Node> after = new ArrayDeque<>();
        Node at = root;
        long skip = position;
        while (at != null) {
            long leftSize = size(at.left);
            if (skip < leftSize) {
                after.push(at);
                at = at.left;
            } else if (skip == leftSize) {
                after.push(at);
                break;
            } else {
                skip -= leftSize + 1;
                at = at.right;
            }
        }
        if (at == null) {
            return;
        }
        for (int visited = 0; visited < limit && !after.isEmpty(); visited++) {
            Node next = after.pop();
            visitor.accept(next);
            for (Node down = next.right; down != null; down = down.left) {
                after.push(down);
            }
        }
    }

    /**
     * The order: score descending, then reachedAt ascending, then user id ascending by code point
     * (the order of the ids' UTF-8 bytes, which a Redis sorted set and the databases' binary
     * collations share; {@link String#compareTo} differs from it for characters above U+FFFF).
     */
    static int compare(Node a, Node b) {
        if (a.score != b.score) {
            return a.score > b.score ? -1 : 1;
        }
        if (a.reachedAt != b.reachedAt) {
            return a.reachedAt < b.reachedAt ? -1 : 1;
        }
        return compareCodePoints(a.userId, b.userId);
    }

    /** Compares by code point: UTF-16 order, with surrogates moved above U+E000..U+FFFF. */
    static int compareCodePoints(String a, String b) {
        int shorter = Math.min(a.length(), b.length());
        for (int i = 0; i < shorter; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return codePointOrder(x) - codePointOrder(y);
            }
        }
        return a.length() - b.length();
    }

    private static int codePointOrder(char unit) {
        if (unit < Character.MIN_SURROGATE) {
            return unit;
        }
        return Character.isSurrogate(unit) ? unit + 0x2000 : unit - 0x800;
    }

    private static Node insert(Node at, Node node) {
        if (at == null) {
            return node;
        }
        if (compare(node, at) < 0) {
            at.left = insert(at.left, node);
            if (at.left.priority > at.priority) {
                at = rotateRight(at);
            }
        } else {
            at.right = insert(at.right, node);
            if (at.right.priority > at.priority) {
                at = rotateLeft(at);
            }
        }
        resize(at);
        return at;
    }

    private static Node remove(Node at, Node node) {
        if (at == null) {
            throw new IllegalStateException("the node of " + node.userId + " is not in the order");
        }
        if (at == node) {
            return merge(at.left, at.right);
        }
        if (compare(node, at) < 0) {
            at.left = remove(at.left, node);
        } else {
            at.right = remove(at.right, node);
        }
        resize(at);
        return at;
    }

    /** Joins two treaps where every node of {@code low} comes before every node of {@code high}. */
    private static Node merge(Node low, Node high) {
        if (low == null) {
            return high;
        }
        if (high == null) {
            return low;
        }
        if (low.priority > high.priority) {
            low.right = merge(low.right, high);
            resize(low);
            return low;
        }
        high.left = merge(low, high.left);
        resize(high);
        return high;
    }

    private static Node rotateRight(Node at) {
        Node up = at.left;
        at.left = up.right;
        up.right = at;
        resize(at);
        resize(up);
        return up;
    }

    private static Node rotateLeft(Node at) {
        Node up = at.right;
        at.right = up.left;
        up.left = at;
        resize(at);
        resize(up);
        return up;
    }

    private static void resize(Node node) {
        node.size = 1 + size(node.left) + size(node.right);
    }

    private static int size(Node node) {
        return node == null ? 0 : node.size;
    }
}
