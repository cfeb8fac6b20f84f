/** Which module a frame belongs to, for each language's naming (collapse-module and presets use it). */
import { describe, expect, test } from 'vitest';
import { moduleOfFile, moduleOfName, modulesOfNames, StringTable, findPreset, matchNames } from '../../src/index.ts';

describe('module of a frame name', () => {
  test.each([
    // Go
    ['runtime.mallocgc', 'runtime'],
    ['runtime.(*mheap).alloc', 'runtime'],
    ['compress/flate.(*Writer).Close', 'compress/flate'],
    ['go.opentelemetry.io/otel/sdk/trace.NewBatchSpanProcessor.func1', 'go.opentelemetry.io/otel/sdk/trace'],
    ['github.com/Foo/bar.Baz', 'github.com/Foo/bar'],
    ['main.main', 'main'],
    ['sort.Sort', 'sort'],
    ['slices.SortFunc[go.shape.[]github.com/x/y.T]', 'slices'],
    // Java
    ['java/util/HashMap.get', 'java.util'],
    ['java.util.HashMap$Node.getKey', 'java.util'],
    ['org.apache.kafka.common.network.Selector.poll', 'org.apache.kafka.common.network'],
    ['com/example/Something.lambda$run$0', 'com.example'],
    // .NET
    ['System.Threading.ThreadPoolWorkQueue.Dispatch', 'System.Threading'],
    // C++ / Rust
    ['std::vector<int>::push_back', 'std'],
    ['v8::internal::Execution::Call', 'v8'],
    ["<alloc::vec::Vec<T> as core::convert::From<&'a [T]>>::from", 'alloc'],
    ['tokio::runtime::park::CachedParkThread::block_on', 'tokio'],
    // Python
    ['email/feedparser.py:-1 - _parsegen', 'email'],
    ['work (/usr/lib/python3/site-packages/requests/api.py:12)', 'requests'],
    ['<frozen importlib._bootstrap>:_find_and_load:1007', 'importlib'],
    ['process (main.py:10)', 'main'],
    // JavaScript
    ['LazyCompile:*consume /apps/node/webapp/node_modules/xxxxx/js/main/async.js:39_[j]', 'xxxxx'],
    ['handler (file:///srv/app/node_modules/@scope/pkg/index.mjs:3:7)', '@scope/pkg'],
    ['route (/srv/app/server.js:10:5)', 'server'],
    // native, perf, DTrace
    ['libc-2.31.so.clock_gettime', 'libc-2.31.so'],
    ['libjvm.so.G1BarrierSet::invalidate', 'libjvm.so'],
    ['sys_read_[k]', 'kernel'],
    ['rg`std::sys::unix::thread::Thread::new::thread_start', 'rg'],
    // nothing to say
    ['malloc', null],
    ['(anonymous)', null],
    ['[unknown]', null],
  ])('%s → %s', (name, module) => {
    expect(moduleOfName(name)).toBe(module);
  });
});

describe('module of a source file', () => {
  test.each([
    ['node:events', 'node'],
    ['/app/node_modules/express/lib/router/index.js', 'express'],
    ['/usr/lib/python3.11/json/decoder.py', 'json'],
    ['/home/me/project/tool.py', 'tool'],
    ['requests/sessions.py', 'requests'],
  ])('%s → %s', (file, module) => {
    expect(moduleOfFile(file)).toBe(module);
  });
});

test('pprof extras: the file, then the binary, when the name says nothing', () => {
  const names = StringTable.fromStrings(['all', 'malloc', 'emit', 'runtime.gcStart']);
  const extras = {
    fileOfName: Int32Array.from([-1, -1, 0, -1]),
    files: StringTable.fromStrings(['node:events']),
    binaryOfName: Int32Array.from([-1, 0, 1, 1]),
    binaries: StringTable.fromStrings(['/lib/x86_64-linux-gnu/libc.so.6', '/usr/bin/app']),
  };
  expect(modulesOfNames({ names, extras })).toEqual([null, 'libc.so.6', 'node', 'runtime']);
  // and the libc preset matches by that module
  const mask = matchNames({ names, extras }, { preset: 'libc' });
  expect(Array.from(mask)).toEqual([0, 1, 0, 0]);
  expect(findPreset('libc')?.label).toBe('libc');
});

test.each([
  ['go-runtime', ['runtime.mallocgc', 'runtime/internal/atomic.Load', 'internal/runtime/maps.lookup'], ['runtime/pprof.StartCPUProfile', 'main.main']],
  ['jvm-internals', ['.unknown_Java', '[unknown_Java]', 'Interpreter', 'JavaCalls::call_helper', 'jdk.internal.reflect.GeneratedMethodAccessor1.invoke', 'libjvm.so.G1ParScanThreadState::trim_queue'], ['java.util.HashMap.get', 'org.apache.kafka.Foo.run']],
  ['python-interpreter', ['_PyEval_EvalFrameDefault', 'PyObject_Call', 'method_vectorcall_O', '<frozen importlib._bootstrap>:_load:680'], ['email/feedparser.py:-1 - _parsegen', 'main']],
  ['libc', ['__libc_start_main', '_start', 'start_thread', 'libc-2.31.so.clock_gettime'], ['malloc_consolidate_helper', 'main']],
])('preset %s', (preset, matched, notMatched) => {
  const all = ['all', ...matched, ...notMatched];
  const mask = matchNames({ names: StringTable.fromStrings(all), extras: null }, { preset: preset as never });
  expect(all.filter((_, i) => mask[i])).toEqual(matched);
});
