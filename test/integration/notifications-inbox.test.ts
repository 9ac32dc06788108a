// The in-app inbox: a learner sees only their own notifications, opens one (read + follow its link),
// marks all read; ids of other people's notifications and unsafe links go nowhere.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { notify } from "~/modules/notifications/outbox.server";
import * as inbox from "~/routes/notifications";
import { loader as rootLoader } from "~/root";
import { buildWorld, call, get, post } from "./helpers/world";

let w: Awaited<ReturnType<typeof buildWorld>>;
let learnerPersonId: string;

beforeAll(async () => {
  w = await buildWorld();
  learnerPersonId = (await db.user.findFirstOrThrow({ where: { email: "learner@test.vn" } })).personId!;
  await notify({
    personId: learnerPersonId,
    kind: "DUE_SOON_7",
    title: "Nhắc việc: khóa A",
    body: "Còn 7 ngày",
    link: "/learn",
    dedupeKey: "t:1",
  });
  await notify({
    personId: learnerPersonId,
    kind: "X",
    title: "Liên kết lạ",
    link: "//evil.example/x",
    dedupeKey: "t:2",
  });
  await notify({ personId: w.personB.id, kind: "X", title: "Của người khác", dedupeKey: "t:3" });
});

type Listing = {
  rows: { id: string; title: string; link: string | null; readAt: Date | null }[];
  unreadTotal: number;
};

describe("notifications inbox", () => {
  it("lists only the caller's notifications, with the unread count in the header", async () => {
    const res = await call(inbox.loader, get("/notifications", w.learner.cookie));
    const data = res.data as Listing;
    expect(data.rows.map((n) => n.title).sort()).toEqual(["Liên kết lạ", "Nhắc việc: khóa A"]);
    expect(data.unreadTotal).toBe(2);
    expect(data.rows.find((n) => n.title === "Liên kết lạ")!.link).toBeNull();
    const root = await call(rootLoader, get("/", w.learner.cookie));
    expect((root.data as { user: { unread: number } }).user.unread).toBe(2);
  });

  it("opening marks it read and follows its in-app link; someone else's id is 404", async () => {
    const list = (await call(inbox.loader, get("/notifications", w.learner.cookie))).data as Listing;
    const target = list.rows.find((n) => n.title === "Nhắc việc: khóa A")!;
    const opened = await call(
      inbox.action,
      post("/notifications", w.learner.cookie, { intent: "open", id: target.id }),
    );
    expect(opened.status).toBe(302);
    expect(opened.response!.headers.get("location")).toBe("/learn");
    expect((await db.notification.findUniqueOrThrow({ where: { id: target.id } })).readAt).not.toBeNull();

    const other = await db.notification.findUniqueOrThrow({ where: { dedupeKey: "t:3" } });
    const denied = await call(
      inbox.action,
      post("/notifications", w.learner.cookie, { intent: "open", id: other.id }),
    );
    expect(denied.status).toBe(404);
    expect((await db.notification.findUniqueOrThrow({ where: { id: other.id } })).readAt).toBeNull();
    const bad = await call(
      inbox.action,
      post("/notifications", w.learner.cookie, { intent: "open", id: "x' OR 1=1" }),
    );
    expect(bad.status).toBe(404);
  });

  it("marks all read, and filters unread; bad parameters fall back to defaults", async () => {
    await call(inbox.action, post("/notifications", w.learner.cookie, { intent: "readAll" }));
    const unread = (await call(inbox.loader, get("/notifications?unread=1", w.learner.cookie)))
      .data as Listing;
    expect(unread.rows).toEqual([]);
    expect(unread.unreadTotal).toBe(0);
    expect((await db.notification.findUniqueOrThrow({ where: { dedupeKey: "t:3" } })).readAt).toBeNull();
    // A bad page number falls back to the first page (the app's rule for search params).
    const res = await call(inbox.loader, get("/notifications?page=0&unread=yes", w.learner.cookie));
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ page: 1, unreadOnly: false });
  });

  it("needs a person: an account without one is refused", async () => {
    expect((await call(inbox.loader, get("/notifications", w.admin.cookie))).status).toBe(403);
  });
});
