/**
 * Runs `task` every `intervalMs`, one run at a time (the next waits for the previous to end), reporting failures to
 * `onError` instead of throwing; the timer never keeps the process alive. Returns the function that stops it.
 */
export function repeatEvery(
  intervalMs: number,
  task: () => Promise<void>,
  onError: (error: unknown) => void,
): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      task().catch(onError).finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
