/** @flamelens/cli — the command-line entry (bin `flamelens`). */
export { main } from './main.ts';
