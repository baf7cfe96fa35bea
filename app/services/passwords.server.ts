import { hash, verify } from "@node-rs/argon2";

// argon2id (the library's default algorithm) with its default cost: ~7 ms here, far
// above what an offline attacker wants to pay per guess.
export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false);

// Verifying against a fixed hash when the e-mail is unknown keeps "no such user" and
// "wrong password" equally slow, so timing does not reveal who has an account.
let dummy: Promise<string> | null = null;
export async function burnPasswordCheck(password: string) {
  dummy ??= hash("kurabe-timing-equalizer");
  await verifyPassword(await dummy, password);
}
