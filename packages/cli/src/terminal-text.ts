/**
 * Text from a profile (a frame name, a quoted line of a bad file) can hold terminal escapes: ESC and
 * the 8-bit CSI (U+009B) start sequences that retitle the window, clear the screen or fake output, a
 * carriage return overwrites what was printed, and bidi controls (U+202E …) make the rest of a line read
 * backwards. Messages on stderr show such characters as visible escapes (`\u{1b}`), so a message is
 * always one line of exactly the text it says.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** `text` with control, line-breaking and bidi characters written as `\u{…}` escapes. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
