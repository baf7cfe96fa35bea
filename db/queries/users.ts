import { sql, type Kysely } from "kysely";
import type { Database, NewUser } from "../schema";

export async function findUserByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom("users")
    .selectAll()
    .where(sql`lower(email)`, "=", email.toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(db: Kysely<Database>, id: string) {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertUser(db: Kysely<Database>, user: NewUser) {
  return db.insertInto("users").values(user).returningAll().executeTakeFirstOrThrow();
}

export async function updateUserLocale(db: Kysely<Database>, userId: string, locale: string) {
  await db.updateTable("users").set({ locale }).where("id", "=", userId).execute();
}

export async function updateUserPassword(db: Kysely<Database>, userId: string, passwordHash: string) {
  await db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
}
