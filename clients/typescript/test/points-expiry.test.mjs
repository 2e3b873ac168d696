import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { LudusError } from "ludus-client";
import { adminClient, createApp } from "./helpers.mjs";

// Points that expire: a points system's `expiry` is defined and read back (null without one; `notice_days`
// null when not given, see seasons.test.mjs). The expiry itself runs on the server's clock and is not waited for here.
describe("points that expire", () => {
  let admin;
  before(async () => {
    admin = adminClient(await createApp());
  });

  test("a points system with expiry reads it back; one without reads null", async () => {
    const coins = await admin.pointsSystems.put("coins", { name: "Coins", expiry: { after_days: 30 } });
    assert.deepEqual(coins.expiry, { after_days: 30, notice_days: null });
    assert.deepEqual((await admin.pointsSystems.get("coins")).expiry, { after_days: 30, notice_days: null });

    const xp = await admin.pointsSystems.put("xp", { name: "XP" });
    assert.equal(xp.expiry, null);
    assert.equal((await admin.pointsSystems.get("xp")).expiry, null);
    assert.deepEqual((await admin.pointsSystems.list({ limit: 10 })).items.map((p) => [p.key, p.expiry]),
      [["coins", { after_days: 30, notice_days: null }], ["xp", null]]);

    assert.equal((await admin.pointsSystems.put("coins", { name: "Coins", expiry: null })).expiry, null);
  });

  test("an after_days out of range is refused naming it", async () => {
    await assert.rejects(admin.pointsSystems.put("coins", { expiry: { after_days: 3651 } }), (error) => {
      assert.ok(error instanceof LudusError);
      assert.deepEqual([error.status, error.field], [400, "expiry.after_days"]);
      return true;
    });
  });
});
