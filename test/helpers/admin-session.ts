import request from "supertest";
import type { RequestListener } from "../../src/web/app/create-app.js";

/**
 * Signs in as an operator the way a browser does (the login form's token and cookie, then the form), and
 * opens `page`: the session cookie, that page's anti-forgery token, and its HTML.
 */
export async function signedInAt(
  app: RequestListener,
  page: string,
  operator: { username: string; password: string },
): Promise<{ cookie: string; csrf: string; page: string }> {
  const form = await request(app).get("/admin/login").expect(200);
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? "";
  const loginCookie = String(form.headers["set-cookie"]?.[0] ?? "").split(";")[0] ?? "";
  const res = await request(app)
    .post("/admin/login")
    .set("Cookie", loginCookie)
    .type("form")
    .send({ _csrf: token, ...operator })
    .expect(303);
  const cookie =
    (res.headers["set-cookie"] as unknown as string[]).find((c) => c.startsWith("hc_admin="))?.split(";")[0] ?? "";
  const opened = await request(app).get(page).set("Cookie", cookie).expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(opened.text)?.[1] ?? "";
  return { cookie, csrf, page: opened.text };
}
