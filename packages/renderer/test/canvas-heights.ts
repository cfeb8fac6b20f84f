/**
 * Records every bitmap height set on any canvas until `stop()`: a canvas whose height is set twice had its
 * bitmap allocated twice (slow on fresh memory, see canvas-pool.ts).
 */
export function recordCanvasHeights(): { readonly heights: number[]; stop(): void } {
  const descriptor = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'height')!;
  const heights: number[] = [];
  Object.defineProperty(HTMLCanvasElement.prototype, 'height', {
    ...descriptor,
    set(this: HTMLCanvasElement, value: number) {
      heights.push(value);
      descriptor.set!.call(this, value);
    },
  });
  return { heights, stop: () => Object.defineProperty(HTMLCanvasElement.prototype, 'height', descriptor) };
}
