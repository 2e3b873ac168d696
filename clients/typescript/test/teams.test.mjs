import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { LudusError } from "ludus-client";
import { Ludus } from "ludus-client/server";
import { adminClient, baseUrl, createApp } from "./helpers.mjs";

describe("teams: teams, their members, a user's teams, max_teams_per_user", () => {
  let app;
  let admin;
  let server;
  before(async () => {
    app = await createApp();
    admin = adminClient(app);
    server = new Ludus({
      baseUrl,
      applicationToken: { tenantId: app.tenantId, applicationId: app.applicationId, apiSecret: app.apiSecret },
    });
    for (const user of ["ann", "bob"]) {
      await server.users.put(user, { name: user });
    }
  });

  test("put, join twice, list members and a user's teams, leave, delete", async () => {
    const red = await server.teams.put("red", { name: "Red", attributes: { city: "Oslo" } });
    assert.equal(red.id, "red");
    assert.equal(red.name, "Red");
    assert.deepEqual(red.attributes, { city: "Oslo" });
    assert.equal(red.members, 0);
    assert.ok(red.created_at);
    const blue = await server.teams.put("blue");
    assert.equal(blue.name, "blue");
    assert.deepEqual(blue.attributes, {});
    const renamed = await server.teams.put("red", { name: "Reds", attributes: { city: "Oslo" } });
    assert.equal(renamed.name, "Reds");
    assert.equal(renamed.created_at, red.created_at);

    const joined = await server.teams.join("red", "ann");
    assert.deepEqual(Object.keys(joined).sort(), ["joined_at", "team_id", "user_id"]);
    assert.equal(joined.team_id, "red");
    assert.equal(joined.user_id, "ann");
    const again = await server.teams.join("red", "ann");
    assert.deepEqual(again, joined, "joining twice answers the existing membership, unchanged");
    await server.teams.join("red", "bob");
    await server.teams.join("blue", "ann");

    assert.equal((await server.teams.get("red")).members, 2);
    assert.deepEqual((await server.teams.members("red")).items.map((m) => m.user_id), ["ann", "bob"]);
    const firstPage = await server.teams.members("red", { limit: 1 });
    assert.deepEqual(firstPage.items.map((m) => m.user_id), ["ann"]);
    assert.ok(firstPage.next_cursor);
    const everyone = [];
    for await (const membership of server.teams.membersAll("red")) {
      everyone.push(membership.user_id);
    }
    assert.deepEqual(everyone, ["ann", "bob"]);
    assert.deepEqual((await server.users.teams("ann")).items.map((m) => m.team_id), ["blue", "red"]);
    assert.deepEqual((await server.asUser("ann").users.teams("me")).items.map((m) => m.team_id), ["blue", "red"]);
    assert.deepEqual((await server.teams.list()).items.map((t) => t.id), ["blue", "red"]);
    const all = [];
    for await (const team of server.teams.listAll()) {
      all.push(team.id);
    }
    assert.deepEqual(all, ["blue", "red"]);

    await server.teams.leave("red", "ann");
    assert.deepEqual((await server.users.teams("ann")).items.map((m) => m.team_id), ["blue"]);
    await assert.rejects(server.teams.leave("red", "ann"),
      (e) => e instanceof LudusError && e.status === 404 && e.code === "not_found");

    await server.teams.delete("red");
    await assert.rejects(server.teams.get("red"),
      (e) => e instanceof LudusError && e.status === 404 && e.code === "not_found");
    assert.deepEqual((await server.users.teams("bob")).items, []);
    await server.users.get("bob");
    await assert.rejects(server.teams.delete("red"), (e) => e instanceof LudusError && e.status === 404);
  });

  test("refusals: unknown team or user, a bad team id, a missing scope", async () => {
    await server.teams.put("green");
    await assert.rejects(server.teams.join("nope", "ann"),
      (e) => e instanceof LudusError && e.status === 404 && e.code === "not_found");
    await assert.rejects(server.teams.join("green", "nobody"),
      (e) => e instanceof LudusError && e.status === 404 && e.code === "not_found");
    await assert.rejects(server.teams.members("nope"), (e) => e instanceof LudusError && e.status === 404);
    await assert.rejects(server.teams.put("x".repeat(256)),
      (e) => e instanceof LudusError && e.status === 400 && e.field === "id");
    await assert.rejects(server.asUser("ann").teams.join("green", "me"),
      (e) => e instanceof LudusError && e.status === 403 && e.code === "insufficient_permissions");
  });

  test("max_teams_per_user: 10 by default, patched to 1, then team_limit_reached", async () => {
    assert.equal((await admin.application.get()).max_teams_per_user, 10);
    const changed = await admin.application.update({ max_teams_per_user: 1 });
    assert.equal(changed.max_teams_per_user, 1);
    await server.users.put("cy", {});
    await server.teams.put("one");
    await server.teams.put("two");
    await server.teams.join("one", "cy");
    await assert.rejects(server.teams.join("two", "cy"), (e) => e instanceof LudusError && e.status === 409
      && e.code === "team_limit_reached" && e.field === "user_id");
    assert.deepEqual((await server.teams.join("one", "cy")).team_id, "one", "re-joining a team held is not refused");
    await assert.rejects(admin.application.update({ max_teams_per_user: 0 }),
      (e) => e instanceof LudusError && e.status === 400 && e.field === "max_teams_per_user");
    await admin.application.update({ max_teams_per_user: 10 });
  });
});
