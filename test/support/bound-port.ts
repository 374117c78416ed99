// The port a Ladder server (bot/main.ts) bound, read from its own start-up log line.
// Tests start servers on PORT=0: a port found free here and handed to a child could
// be taken by a parallel test before the child binds it.

/** The port in `Ladder is listening on http://HOST:PORT` (info level), once it has been logged. */
export function boundPort(output: string): number | undefined {
  const line = /Ladder is listening on http:\/\/[^\s:]+:(\d+)/.exec(output)
  return line ? Number(line[1]) : undefined
}
