/**
 * A copy of `text` that refers to no other string. V8 cuts a substring of 13 characters or more
 * as a view into the string it was cut from, and the view keeps that whole string alive: a field
 * name remembered from a 256 KB header block would keep the block. Memos that outlive the
 * analysis store their strings through this. Only for strings remembered once (it is not fast).
 */
export function ownCopy(text: string): string {
  return text.split("").join("");
}
