import { useCallback, useEffect, useRef, useState } from 'react';
import type { DependencyList } from 'react';
import type { Channel, ReplyOf, RequestOf } from '../../../shared/ipc/contract';
import { errorMessage, invoke } from './invoke';

export interface Invoked<T> {
  data: T | null;
  error: string | null;
  /** A call is under way whose answer is not in yet. */
  loading: boolean;
  /** Calls again with the same request. */
  reload(): void;
}

/**
 * Calls a channel when the request (compared by value) or `deps` change, not at all while the
 * request is null; keeps the reply or the error in words, and ignores a reply that arrives after a
 * newer call was made, so a slow answer never overwrites a fresh one.
 */
export function useInvoke<C extends Channel>(
  channel: C,
  request: RequestOf<C> | null,
  deps: DependencyList = [],
): Invoked<ReplyOf<C>> {
  const [tick, setTick] = useState(0);
  const key = request === null ? null : JSON.stringify(request);
  const token = `${channel}|${key}|${tick}|${JSON.stringify(deps)}`;
  const [state, setState] = useState<{
    data: ReplyOf<C> | null;
    error: string | null;
    answered: string | null;
  }>({ data: null, error: null, answered: null });
  const latest = useRef('');
  useEffect(() => {
    if (key === null) return;
    latest.current = token;
    invoke(channel, JSON.parse(key) as RequestOf<C>).then(
      (data) => {
        if (latest.current === token) setState({ data, error: null, answered: token });
      },
      (error: unknown) => {
        if (latest.current === token)
          setState((s) => ({ data: s.data, error: errorMessage(error), answered: token }));
      },
    );
  }, [channel, key, token]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return {
    data: state.data,
    error: state.error,
    loading: key !== null && state.answered !== token,
    reload,
  };
}
