// A value made once per key and kept: for the hot paths that make the same few values again
// and again (a sweep's repeated statuses and instants, its due dates' texts, its step names).

/**
 * `make(key)`, kept per key. Up to `limit` keys are kept, then the whole set is started afresh:
 * a bound on memory, and no bookkeeping per lookup. `make` must be pure and its values never mutated.
 */
export function kept<K, V>(make: (key: K) => V, limit = 4096): (key: K) => V {
  const values = new Map<K, V>()
  return (key) => {
    let value = values.get(key)
    if (value === undefined) {
      if (values.size >= limit) values.clear()
      value = make(key)
      values.set(key, value)
    }
    return value
  }
}
