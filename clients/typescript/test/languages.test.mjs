import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { Ludus } from "ludus-client/server";
import { baseUrl, createAppWithRules, recordingFetch } from "./helpers.mjs";

const FIRST_STEPS_IMAGE = "https://img.example.com/badges/first-steps.png";
const NOVICE_IMAGE = "https://img.example.com/levels/novice.png";
const WEEK_IMAGE = "https://img.example.com/quests/week.png";

/** The rules of every test: a metric, points with a level, an achievement and a quest named in English and French. */
const RULES = [
  ["metrics", "lessons", { name: { en: "Lessons", fr: "Leçons" } }],
  ["pointsSystems", "xp", {
    name: "XP", triggers: [{ type: "metric", metric: "lessons", points: 10 }],
    levels: [{ name: { en: "Novice", fr: "Débutant" }, threshold: 10, image_url: NOVICE_IMAGE }],
  }],
  ["achievements", "first_steps", {
    name: { en: "First steps", fr: "Premiers pas" },
    description: { en: "Your first lesson", fr: "Votre première leçon" },
    image_url: FIRST_STEPS_IMAGE,
    trigger: { type: "metric", metric: "lessons", threshold: 1 },
  }],
  ["quests", "week", {
    name: { en: "Busy week", fr: "Semaine chargée" }, image_url: WEEK_IMAGE,
    steps: [{ metric: "lessons", total: 1 }], window: { type: "recurring", period: "weekly" },
  }],
];

describe("languages: names in every language, images, the user's locale, Accept-Language, the default", () => {
  let app;
  let admin;
  before(async () => {
    ({ app, admin } = await createAppWithRules(RULES));
  });

  /** A client of the application (application tokens), with `options` such as `acceptLanguage`. */
  function client(options = {}) {
    return new Ludus({
      baseUrl, ...options,
      applicationToken: { tenantId: app.tenantId, applicationId: app.applicationId, apiSecret: app.apiSecret },
    });
  }

  test("a definition reads back as given: names and descriptions by language, image_url, a level's too", async () => {
    const achievement = await admin.achievements.get("first_steps");
    assert.deepEqual(achievement.name, { en: "First steps", fr: "Premiers pas" });
    assert.deepEqual(achievement.description, { en: "Your first lesson", fr: "Votre première leçon" });
    assert.equal(achievement.image_url, FIRST_STEPS_IMAGE);
    const listed = (await admin.achievements.list()).items.find((item) => item.key === "first_steps");
    assert.deepEqual(listed.name, achievement.name, "a listed definition is the definition");

    const xp = await admin.pointsSystems.get("xp");
    assert.equal(xp.name, "XP", "a plain string stays a string");
    assert.deepEqual(xp.levels, [{ name: { en: "Novice", fr: "Débutant" }, threshold: 10, image_url: NOVICE_IMAGE }]);
    assert.deepEqual((await admin.metrics.get("lessons")).name, { en: "Lessons", fr: "Leçons" });
    assert.equal((await admin.quests.get("week")).image_url, WEEK_IMAGE);

    const mug = await admin.rewards.put("mug", {
      name: { "pt-br": "Caneca", en: "Mug" }, description: "Ceramic", image_url: "https://img.example.com/mug.png",
      points_system: "xp", cost: 100,
    });
    assert.deepEqual(mug.name, { "pt-BR": "Caneca", en: "Mug" }, "tags are read back in canonical form");
    assert.equal(mug.description, "Ceramic");
    assert.equal((await admin.rewards.get("mug")).image_url, "https://img.example.com/mug.png");
    const plain = await admin.achievements.put("plain", { trigger: { type: "api" } });
    assert.equal(plain.image_url, null, "no image reads back as null");
  });

  test("refusals: an image that is not https, an image on a metric, a name that is not a language tag", async () => {
    const trigger = { type: "metric", metric: "lessons", threshold: 5 };
    await assert.rejects(admin.achievements.put("five", { trigger, image_url: "http://img.example.com/five.png" }),
      (e) => e.status === 400 && e.field === "image_url");
    await assert.rejects(admin.metrics.put("pages", { name: "Pages", image_url: FIRST_STEPS_IMAGE }),
      (e) => e.status === 400 && e.field === "image_url");
    await assert.rejects(admin.achievements.put("five", { trigger, name: { "not a tag": "Five" } }),
      (e) => e.status === 400 && e.code === "invalid_request");
    await assert.rejects(admin.users.put("zoe", { locale: "not a tag" }),
      (e) => e.status === 400 && e.field === "locale");
  });

  test("a user whose locale is fr is answered in French, with the images: event, progress, quests", async () => {
    const ludus = client();
    const ann = await ludus.users.put("ann", { name: "Ann", locale: "fr" });
    assert.equal(ann.locale, "fr");
    assert.equal((await ludus.users.get("ann")).locale, "fr");

    const answer = await ludus.events.send({ metric: "lessons", user_id: "ann", value: 1 });
    assert.deepEqual(answer.achievements.map(({ key, name, image_url }) => ({ key, name, image_url })),
      [{ key: "first_steps", name: "Premiers pas", image_url: FIRST_STEPS_IMAGE }]);
    assert.deepEqual(answer.levels, [{
      system: "xp", previous: null, current: { number: 1, name: "Débutant", image_url: NOVICE_IMAGE },
    }]);
    assert.deepEqual(answer.quests.map(({ key, name, image_url, change }) => ({ key, name, image_url, change })),
      ["step_completed", "completed"].map((change) => ({
        key: "week", name: "Semaine chargée", image_url: WEEK_IMAGE, change,
      })));

    const progress = await ludus.users.progress("ann");
    const achievement = progress.achievements.find((a) => a.key === "first_steps");
    assert.deepEqual([achievement.name, achievement.description, achievement.image_url],
      ["Premiers pas", "Votre première leçon", FIRST_STEPS_IMAGE]);
    assert.deepEqual(progress.points[0].level, { number: 1, name: "Débutant", image_url: NOVICE_IMAGE });
    assert.deepEqual(progress.metrics.map((m) => m.name), ["Leçons"]);
    const quest = (await ludus.users.quests("ann")).quests.find((q) => q.key === "week");
    assert.deepEqual([quest.name, quest.image_url], ["Semaine chargée", WEEK_IMAGE]);
  });

  test("an event's user member sets the locale, read back in canonical form; null clears it", async () => {
    const ludus = client();
    await ludus.events.send({ metric: "lessons", user_id: "bea", value: 0, user: { locale: "pt-br" } });
    assert.equal((await ludus.users.get("bea")).locale, "pt-BR");
    await ludus.events.send({ metric: "lessons", user_id: "bea", value: 0, user: { locale: null } });
    assert.equal((await ludus.users.get("bea")).locale, null);
  });

  test("acceptLanguage is sent on every request and picks French for a user without a locale", async () => {
    const recorder = recordingFetch();
    const french = new Ludus({
      baseUrl, fetch: recorder.fetch, acceptLanguage: "fr, en;q=0.5",
      clientCredentials: { clientId: app.clientId, clientSecret: app.clientSecret },
    });

    const answer = await french.events.send({ metric: "lessons", user_id: "cy", value: 1 });
    assert.deepEqual(answer.achievements.map((a) => [a.name, a.image_url]), [["Premiers pas", FIRST_STEPS_IMAGE]]);
    assert.equal((await french.users.get("cy")).locale, null, "Accept-Language does not become the user's locale");
    const progress = await french.users.progress("cy");
    assert.equal(progress.achievements.find((a) => a.key === "first_steps").description, "Votre première leçon");
    assert.deepEqual(recorder.seen.map((request) => `${request.method} ${request.path}`),
      ["POST /v1/auth_token", "POST /v1/events", "GET /v1/users/cy", "GET /v1/users/cy/progress"]);
    assert.deepEqual(recorder.seen.map((request) => request.headers.get("Accept-Language")),
      Array(4).fill("fr, en;q=0.5"));

    const english = await client().events.send({ metric: "lessons", user_id: "dan", value: 1 });
    assert.deepEqual(english.achievements.map((a) => a.name), ["First steps"], "without it: the default language");
    await french.users.put("eve", { locale: "en" });
    const own = await french.events.send({ metric: "lessons", user_id: "eve", value: 1 });
    assert.deepEqual(own.achievements.map((a) => a.name), ["First steps"], "the user's locale comes first");
  });

  test("acceptLanguage is checked when the client is built", () => {
    const options = { baseUrl, token: "t" };
    for (const bad of ["", "  ", "fr\r\nX-Evil: 1", "fr_FR", "x".repeat(129), 42]) {
      assert.throws(() => new Ludus({ ...options, acceptLanguage: bad }),
        (e) => e instanceof TypeError && e.message.startsWith("acceptLanguage must be"), JSON.stringify(bad));
    }
    assert.doesNotThrow(() => new Ludus({ ...options, acceptLanguage: "pt-BR, pt;q=0.9, *;q=0.1" }));
  });
});

describe("languages: the application's default_language", () => {
  test("en until patched; answers fall back to it; a bad tag is refused", async () => {
    const { app, admin } = await createAppWithRules(RULES);
    const client = (options = {}) => new Ludus({
      baseUrl, ...options,
      applicationToken: { tenantId: app.tenantId, applicationId: app.applicationId, apiSecret: app.apiSecret },
    });
    assert.equal((await admin.application.get()).default_language, "en");
    const before = await client().events.send({ metric: "lessons", user_id: "ann", value: 1 });
    assert.deepEqual(before.achievements.map((a) => a.name), ["First steps"]);

    assert.equal((await admin.application.update({ default_language: "fr" })).default_language, "fr");
    assert.equal((await admin.application.get()).default_language, "fr");
    const after = await client().events.send({ metric: "lessons", user_id: "bob", value: 1 });
    assert.deepEqual(after.achievements.map((a) => a.name), ["Premiers pas"]);
    const german = await client({ acceptLanguage: "de" }).events.send({ metric: "lessons", user_id: "cy", value: 1 });
    assert.deepEqual(german.achievements.map((a) => a.name), ["Premiers pas"], "a language no name has: the default");

    await assert.rejects(admin.application.update({ default_language: "not a tag" }),
      (e) => e.status === 400 && e.field === "default_language");
  });
});
