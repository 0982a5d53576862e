import '@testing-library/jest-dom/vitest';

// jsdom has no Web Animations API, which Svelte transitions use. A finished
// no-op animation lets components mount and unmount as they would after
// their transitions end.
if (typeof Element !== 'undefined' && !Element.prototype.animate) {
  Element.prototype.animate = function animate() {
    const animation = {
      onfinish: null as null | (() => void),
      cancel() {},
      finish() {},
      pause() {},
      play() {},
      currentTime: 0,
      playState: 'finished',
    };
    queueMicrotask(() => animation.onfinish?.());
    return animation as unknown as Animation;
  };
}
