/**
 * How a frame name is shown (canvas label, tooltip, breadcrumbs, live region). Names are data: search,
 * exports, paths and callbacks keep them exactly as the profile wrote them. On screen, characters that
 * are invisible or rearrange the text around them are made visible, so two names that differ always
 * look different and a name cannot disguise itself or its neighbours:
 *
 * - C0 controls U+0000–U+001F → the Control Pictures U+2400–U+241F (`\u0001` shows as ␁), DEL → ␡;
 * - C1 controls U+0080–U+009F, bidi marks, embeddings, overrides and isolates (U+061C, U+200E/F,
 *   U+202A–U+202E, U+2066–U+2069) and the line/paragraph separators U+2028/U+2029 → U+FFFD �, as
 *   invalid UTF-8 already is (the importers replace it when they read the name).
 *
 * Every replacement is one UTF-16 unit for one, so an index into the name (a search match range) is the
 * same index into what is shown.
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

/** `name` as it is shown: control characters as pictures, layout controls as �. */
export function displayName(name: string): string {
  if (!INVISIBLE.test(name)) return name;
  return name.replace(INVISIBLE_ALL, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return '\ufffd';
  });
}
