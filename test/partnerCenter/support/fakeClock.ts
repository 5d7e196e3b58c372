/** A clock and sleep for retry tests: sleeping records the wait and moves the clock forward instantly. */
export interface FakeClock {
  waits: number[];
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** Creates a {@link FakeClock} starting at `start` ms. */
export function fakeClock(start = 1_000_000): FakeClock {
  let time = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => time,
    sleep: async (ms) => {
      waits.push(ms);
      time += ms;
    },
  };
}
