/**
 * The module (package, library, binary) a frame belongs to, derived from its name — and, for pprof, its
 * file and binary — so `collapse-module` can fold a library into one frame and presets can match one.
 *
 *   Go       compress/flate.(*Writer).Close → compress/flate      runtime.mallocgc → runtime
 *   Java     java/util/HashMap.get, java.util.HashMap.get → java.util
 *   C++/Rust std::vector<int>::push_back → std                    <alloc::vec::Vec<T> as …>::from → alloc
 *   Python   email/feedparser.py:-1 - _parsegen → email           work (site-packages/requests/api.py:12) → requests
 *   JS       LazyCompile:*f /app/node_modules/@x/y/a.js:3 → @x/y  handler (/srv/app/server.js:10:5) → server
 *   native   libc-2.31.so.clock_gettime → libc-2.31.so            rg`std::… (DTrace) → rg      futex_[k] → kernel
 *   else     pprof file (as for Python/JS) or binary basename (libc.so.6), or null when nothing says.
 */
import type { FrameTree } from '../model/frame-tree.ts';
import type { StringTable } from '../model/string-table.ts';

/** Source files whose path names the module (interpreted languages). */
const SCRIPT_FILE = /\.(?:py|pyx|pyw|js|mjs|cjs|jsx|ts|tsx|mts|cts|rb|php|lua)$/;
/** `name (path:line:col)` (py-spy, Chrome, speedscope) or `name path:line` (V8 perf maps). */
const FILE_IN_PARENS = /\(((?:file:\/\/)?[^()\s]+?)(?::-?\d+)*\)$/;
const FILE_AFTER_SPACE = / ((?:file:\/\/)?[^\s]+?)(?::-?\d+)*$/;
/** Pyroscope Python `path.py:line - function`, austin `path.py:function:line`. */
const FILE_FIRST = /^([^\s:]+\.pyx?)(?::|$)/;
/** async-profiler native frames: the library, then `.symbol`. */
const NATIVE_LIBRARY = /^([\w+-][\w.+-]*?\.so(?:\.\d+)*)\./;

/** The module of a frame name alone, or null when the name does not say. */
export function moduleOfName(name: string): string | null {
  let s = name.trim();
  const annotation = /_\[([kjiw])\]$/.exec(s);
  if (annotation) {
    if (annotation[1] === 'k') return 'kernel';
    s = s.slice(0, -4);
  }
  const tick = s.indexOf('`');
  if (tick > 0) return s.slice(0, tick);
  const frozen = /^<frozen ([\w.]+)>/.exec(s);
  if (frozen) return frozen[1]!.split('.')[0]!;
  const file = scriptFileIn(s);
  if (file) return moduleOfFile(file);
  const library = NATIVE_LIBRARY.exec(s);
  if (library) return library[1]!;
  // V8 perf prefixes (LazyCompile:*name) say nothing about the module
  s = s.replace(/^(?:LazyCompile|Function|Script|Builtin|Stub|RegExp|Handler|BytecodeHandler):[*~]?/, '');
  if (s.includes('::')) return cppModule(s);
  return dottedModule(s);
}

/** The module of a source file path: npm package, Python top-level package, or the file's base name. */
export function moduleOfFile(file: string): string | null {
  let path = file.replace(/^file:\/\//, '').replace(/[?#].*$/, '').replace(/\\/g, '/');
  if (path.startsWith('node:')) return 'node';
  const npmAt = path.lastIndexOf('node_modules/');
  if (npmAt >= 0) {
    const npm = /^(?:@[^/]+\/)?[^/]+/.exec(path.slice(npmAt + 'node_modules/'.length));
    if (npm) return npm[0];
  }
  const python = /(?:site-packages|dist-packages)\/(.+)$/.exec(path) ?? /\/python\d+(?:\.\d+)?\/(.+)$/.exec(path);
  if (python) path = python[1]!;
  else if (!path.startsWith('/') && /\.pyx?$/.test(path)) path = path.replace(/^\.\//, '');
  else path = path.slice(path.lastIndexOf('/') + 1);
  const first = path.split('/')[0]!.replace(/\.[^.]*$/, '');
  return first || null;
}

/** The last path component of a binary or mapping file (`/lib/x86_64-linux-gnu/libc.so.6` → `libc.so.6`). */
export function binaryBaseName(binary: string): string | null {
  const base = binary.slice(binary.replace(/\\/g, '/').lastIndexOf('/') + 1);
  return base || null;
}

function scriptFileIn(s: string): string | null {
  const first = FILE_FIRST.exec(s);
  if (first) return first[1]!;
  for (const pattern of [FILE_IN_PARENS, FILE_AFTER_SPACE]) {
    const m = pattern.exec(s);
    if (m && SCRIPT_FILE.test(m[1]!)) return m[1]!;
  }
  return null;
}

/** C++ namespace or Rust crate: the first `::` segment (a leading `<` of a Rust impl is skipped). */
function cppModule(s: string): string | null {
  const body = s.replace(/^[<&*\s]+/, '');
  const segment = body.slice(0, body.indexOf('::')).trim();
  return /^[\w$]+$/.test(segment) ? segment : null;
}

/** Go import path, Java package or .NET namespace of a dotted name. */
function dottedModule(s: string): string | null {
  const base = s.split(/[[\s]/)[0]!; // Go generics and argument lists hold dots of their own
  const slash = base.lastIndexOf('/');
  if (slash >= 0) {
    const after = base.slice(slash + 1);
    if (/^[A-Z]/.test(after)) return base.slice(0, slash).replace(/\//g, '.'); // java/util/HashMap.get
    const dot = after.indexOf('.');
    return dot > 0 ? base.slice(0, slash + 1) + after.slice(0, dot) : null; // Go: path/pkg.Func
  }
  const segments = base.split('.');
  if (segments.length < 2 || segments[0] === '') return null;
  if (segments.some((x) => x.startsWith('('))) return segments[0]!; // Go method: pkg.(*T).M
  const firstUpper = segments.findIndex((x) => /^[A-Z]/.test(x));
  if (firstUpper > 0) return segments.slice(0, firstUpper).join('.'); // java.util.HashMap.get, sort.Sort
  if (firstUpper === 0 && segments.length >= 3) return segments.slice(0, -2).join('.'); // .NET Ns.Type.Method
  return segments[0]!; // runtime.mallocgc, Type.method
}

const cache = new WeakMap<StringTable, (string | null)[]>();

/**
 * The module of every name of `tree` (index = name id; null when unknown), from the name first, then the
 * pprof file, then the binary. Cached per names table.
 */
export function modulesOfNames(tree: Pick<FrameTree, 'names' | 'extras'>): readonly (string | null)[] {
  let modules = cache.get(tree.names);
  if (modules) return modules;
  const { names, extras } = tree;
  modules = new Array<string | null>(names.length).fill(null);
  for (let id = 1; id < names.length; id++) {
    let module = moduleOfName(names.get(id));
    if (module === null && extras) {
      const file = extras.fileOfName[id] ?? -1;
      if (file >= 0) module = moduleOfFile(extras.files.get(file));
      const binary = extras.binaryOfName[id] ?? -1;
      if (module === null && binary >= 0) module = binaryBaseName(extras.binaries.get(binary));
    }
    modules[id] = module;
  }
  cache.set(names, modules);
  return modules;
}
