// Waiting for work Slack's listeners do after the ack. No timing assertion: the
// test's own timeout is the only limit.
export async function waitUntil(condition: () => boolean | Promise<boolean>, intervalMs = 10): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, intervalMs))
}
