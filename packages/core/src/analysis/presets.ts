/**
 * Named sets of runtime frames people usually want out of the way. A preset is a frame matcher
 * (`{ preset: 'go-runtime' }`), most often used with `hide` (the frames vanish and their time goes to the
 * code that called into the runtime), so every preset is conservative: only frames of the runtime itself.
 */
export type PresetId = 'go-runtime' | 'jvm-internals' | 'python-interpreter' | 'libc';

/** One preset: what it matches, by frame name and/or by module (see modules.ts). */
export interface Preset {
  readonly id: PresetId;
  /** Short label for a chip or menu ("Go runtime"). */
  readonly label: string;
  /** What it matches, in a sentence. */
  readonly description: string;
  readonly names: RegExp | null;
  readonly modules: RegExp | null;
}

/** The presets, in the order a menu lists them. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'go-runtime',
    label: 'Go runtime',
    description: 'Go runtime frames: runtime.*, runtime/internal/*, internal/runtime/* (the scheduler, GC, malloc, goexit).',
    names: /^(?:runtime|runtime\/internal\/[\w/]+|internal\/runtime\/[\w/]+)\.[^/]*$/,
    modules: null,
  },
  {
    id: 'jvm-internals',
    label: 'JVM internals',
    description:
      'HotSpot and JDK plumbing: libjvm frames, interpreter and call stubs, reflection and method-handle ' +
      'adapters, lambda forms, and async-profiler markers ([unknown_Java], not walkable).',
    names: new RegExp(
      [
        String.raw`^\[?\.?(?:unknown|not_walkable)_Java\]?$`,
        String.raw`^(?:Interpreter|call_stub|StubRoutines::|JavaCalls::|JavaMain$|JavaThread::|Thread::call_run|thread_native_entry|java_start$)`,
        String.raw`^(?:jdk[./]internal[./]reflect|sun[./]reflect|java[./]lang[./]invoke)[./]`,
        String.raw`^java[./]lang[./]reflect[./]Method[./]invoke$`,
        String.raw`LambdaForm\$(?:DMH|MH|BMH)`,
      ].join('|'),
    ),
    modules: /^libjvm(?:\.so|\.dylib)?$/,
  },
  {
    id: 'python-interpreter',
    label: 'Python interpreter',
    description:
      'CPython evaluation loop and call machinery (_PyEval_*, PyObject_Call*, vectorcall, slot wrappers), ' +
      'frozen importlib bootstrap frames, and libpython.',
    names: new RegExp(
      [
        String.raw`^_?Py(?:Eval|Object_Call|Object_Vectorcall|Function|Method|CFunction|Run|_Main|_RunMain|_BytesMain)\w*`,
        String.raw`^_Py\w+`,
        String.raw`^(?:cfunction_call|cfunction_vectorcall\w*|method_vectorcall\w*|vectorcall_\w+|slot_tp_\w+|call_function|function_code_fastcall|_?call_function\w*)$`,
        String.raw`^<frozen importlib\._bootstrap(?:_external)?>`,
        String.raw`^<interpreter trampoline>$`,
      ].join('|'),
    ),
    modules: /^libpython/,
  },
  {
    id: 'libc',
    label: 'libc',
    description: 'The C library and the dynamic loader: glibc/musl entry points, thread start, and frames whose binary is libc, libpthread or ld.so.',
    names: /^(?:__libc_\w+|_start|__clone3?|start_thread|__GI_\w+|_dl_\w+|__pthread_\w+)$/,
    modules: /^(?:libc|libpthread|libdl|librt|libm|ld-linux[\w-]*|ld|libsystem_\w+|libdyld)(?:[-.][\w.-]*)?$/,
  },
];

/** The preset with id `id`, or undefined. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
