/**
 * Lookups shared by the cells one worker pass delivers: the tenant's platform service, the
 * course's line-items URL and each column, which would otherwise be read again for every score.
 * A pass lasts seconds, so nothing is kept longer; failures are not kept, so the next cell tries
 * again.
 */
export type PassMemo = Map<string, Promise<unknown>>;

export function memoized<T>(memo: PassMemo | undefined, key: string, load: () => Promise<T>): Promise<T> {
  if (!memo) return load();
  const known = memo.get(key) as Promise<T> | undefined;
  if (known) return known;
  const loading = load();
  memo.set(key, loading);
  loading.catch(() => memo.delete(key));
  return loading;
}
