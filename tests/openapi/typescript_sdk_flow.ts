// The tutorial flow through the TypeScript SDK that @hey-api/openapi-ts generated into
// generated/typescript/. Type-checked by `tsc`, then run by `tsx`:
//
//     tsx typescript_sdk_flow.ts BASE_URL
//
// Every call goes through the generated functions and types, never hand-written fetches.

import {
  createNote,
  deleteNote,
  getNote,
  listNotes,
  obtainToken,
  obtainTokenForm,
  refreshToken,
  registerUser,
  replaceNote,
  updateNote,
} from "./generated/typescript/index";
import { createClient, createConfig } from "./generated/typescript/client";

function check(condition: boolean, message: string, detail?: unknown): asserts condition {
  if (!condition) {
    throw new Error(`${message}: ${JSON.stringify(detail)}`);
  }
}

const baseUrl = process.argv[2];
const password = "correct horse battery staple";
const suffix = Math.random().toString(36).slice(2, 12);

/** A client that sends `token` as the bearer token on every secured operation. */
function clientWith(token?: string) {
  return createClient(createConfig({ baseUrl, auth: () => token }));
}

async function signUpAndIn(name: string) {
  const anonymous = clientWith();
  const created = await registerUser({
    client: anonymous,
    body: { username: name, password, email: "" },
  });
  check(created.response.status === 201, "register", created.error);
  check(created.data?.username === name, "registered name", created.data);

  const pair = await obtainToken({ client: anonymous, body: { username: name, password } });
  check(pair.data !== undefined, "token", pair.error);
  return pair.data;
}

async function main() {
  const alicePair = await signUpAndIn(`alice_${suffix}`);
  const bobPair = await signUpAndIn(`bob_${suffix}`);
  let alice = clientWith(alicePair.access);
  const bob = clientWith(bobPair.access);

  const first = await createNote({ client: alice, body: { title: "Groceries", body: "eggs" } });
  const second = await createNote({ client: alice, body: { title: "Ideas", body: "more tests" } });
  check(first.response.status === 201 && first.data !== undefined, "create", first.error);
  check(second.data !== undefined, "create second", second.error);
  check(first.data.owner === `alice_${suffix}`, "owner", first.data);

  // Without paging parameters the answer is the plain array; with them, a page object.
  const listed = await listNotes({ client: alice });
  check(
    Array.isArray(listed.data) &&
      JSON.stringify(listed.data.map((note) => note.id)) ===
        JSON.stringify([second.data.id, first.data.id]),
    "list newest first",
    listed.data,
  );
  const paged = await listNotes({ client: alice, query: { limit: 1 } });
  check(
    paged.data !== undefined &&
      !Array.isArray(paged.data) &&
      "count" in paged.data &&
      paged.data.count === 2 &&
      paged.data.results[0].id === second.data.id &&
      typeof paged.data.next === "string" &&
      paged.data.previous === null,
    "list a page",
    paged.data,
  );
  // Follow the link as a client would: its limit and offset, through the SDK.
  const following = new URL(paged.data.next).searchParams;
  const last = await listNotes({
    client: alice,
    query: { limit: Number(following.get("limit")), offset: Number(following.get("offset")) },
  });
  check(
    last.data !== undefined &&
      !Array.isArray(last.data) &&
      "count" in last.data &&
      last.data.results[0].id === first.data.id &&
      last.data.next === null &&
      typeof last.data.previous === "string",
    "follow next to the last page",
    last.data,
  );

  const id = first.data.id;
  const fetched = await getNote({ client: alice, path: { id } });
  check(fetched.data?.body === "eggs", "get", fetched);

  const replaced = await replaceNote({
    client: alice,
    path: { id },
    body: { title: "Groceries", body: "eggs, milk" },
  });
  check(replaced.data?.body === "eggs, milk", "put", replaced.error);
  const patched = await updateNote({ client: alice, path: { id }, body: { title: "Shopping" } });
  check(patched.data?.title === "Shopping" && patched.data.body === "eggs, milk", "patch", patched.error);

  const other = await getNote({ client: bob, path: { id } });
  check(other.response.status === 404, "another user's note is not found", other.error);
  check(other.error?.status === 404 && other.error.code === "not_found", "404 problem", other.error);

  const deleted = await deleteNote({ client: alice, path: { id: second.data.id } });
  check(deleted.response.status === 204, "delete", deleted.error);

  const renewed = await refreshToken({ client: clientWith(), body: { refresh: alicePair.refresh } });
  check(renewed.data !== undefined, "refresh", renewed.error);
  alice = clientWith(renewed.data.access);
  const remaining = await listNotes({ client: alice });
  check(
    Array.isArray(remaining.data) && remaining.data.length === 1 && remaining.data[0].id === id,
    "after refresh",
    remaining.data,
  );

  const form = await obtainTokenForm({
    client: clientWith(),
    body: { grant_type: "password", username: `bob_${suffix}`, password },
  });
  check(form.data?.token_type === "Bearer", "OAuth2 form sign-in", form.error);
  const viaForm = await listNotes({ client: clientWith(form.data.access_token) });
  check(
    viaForm.response.status === 200 && Array.isArray(viaForm.data) && viaForm.data.length === 0,
    "form token works",
    viaForm.error,
  );

  const anonymous = await listNotes({ client: clientWith() });
  check(anonymous.response.status === 401 && anonymous.error?.status === 401, "401 problem", anonymous.error);

  console.log("typescript SDK: tutorial flow passed");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
