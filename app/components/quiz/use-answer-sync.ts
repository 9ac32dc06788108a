// Keeps a quiz's answers safe on a flaky connection. Every choice is kept in the page and in localStorage
// (keyed by attempt, so a reload keeps it), then saved in the background to /attempts/<id>/answers: one
// request at a time, always the whole latest sheet, so a late reply can never put back an older sheet.
// A failed request is retried when the browser says it is online again and on a timer with backoff; the
// submit is retried the same way. Nothing here throws into the route's error boundary.
import { useCallback, useEffect, useRef, useState } from "react";
import type { AttemptAnswers } from "~/domain/quiz";
import { type AnswersReply, sheetToFields } from "~/domain/quiz";

export const storageKey = (attemptId: string) => `hoc-attt:quiz:${attemptId}`;

type Stored = { answers: AttemptAnswers; unsaved: boolean };

function readStored(attemptId: string): Stored | null {
  try {
    const raw = localStorage.getItem(storageKey(attemptId));
    const value = raw ? (JSON.parse(raw) as Stored) : null;
    return value && typeof value.answers === "object" ? value : null;
  } catch {
    return null; // storage disabled or a bad value: the page's own state still holds the answers
  }
}

function writeStored(attemptId: string, value: Stored | null) {
  try {
    if (value) localStorage.setItem(storageKey(attemptId), JSON.stringify(value));
    else localStorage.removeItem(storageKey(attemptId));
  } catch {
    // quota or private mode: keep going with the in-page copy
  }
}

/** Forgets a graded attempt's local copy (the result page calls this too). */
export const forgetStoredAnswers = (attemptId: string) => writeStored(attemptId, null);

export type SyncStatus = {
  /** The last request could not reach the server (or the browser is offline). */
  offline: boolean;
  /** Choices not yet confirmed saved by the server. */
  unsaved: boolean;
  /** A submit is on its way or waits for the connection. */
  submitting: boolean;
  /** A refusal from the server (bad sheet, session ended): shown, not retried. */
  error: string | null;
};

const MAX_DELAY_MS = 30_000;

async function send(
  attemptId: string,
  intent: "save" | "submit",
  sheet: AttemptAnswers,
): Promise<AnswersReply | "network" | "server"> {
  let res: Response;
  try {
    res = await fetch(`/attempts/${attemptId}/answers`, {
      method: "POST",
      body: sheetToFields(intent, sheet),
      headers: { accept: "application/json" },
    });
  } catch {
    return "network";
  }
  if (res.status >= 500) return "server";
  try {
    return (await res.json()) as AnswersReply;
  } catch {
    // Not JSON: the session ended and the login page answered. The answers stay in this browser.
    return { ok: false, message: "session" };
  }
}

export function useAnswerSync(
  attemptId: string,
  serverAnswers: AttemptAnswers,
  /** The attempt is graded (submitted, or time over): show the result. */
  onClosed: () => void,
  sessionMessage: string,
) {
  const [answers, setAnswers] = useState<AttemptAnswers>(serverAnswers);
  const [status, setStatus] = useState<SyncStatus>({
    offline: false,
    unsaved: false,
    submitting: false,
    error: null,
  });
  const latest = useRef(answers);
  const unsaved = useRef(false);
  const submitWanted = useRef(false);
  const busy = useRef(false);
  const closed = useRef(false);
  const failures = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onClosedRef = useRef(onClosed);
  onClosedRef.current = onClosed;

  const patch = (p: Partial<SyncStatus>) => setStatus((s) => ({ ...s, ...p }));

  const close = useCallback(() => {
    if (closed.current) return;
    closed.current = true;
    clearTimeout(timer.current);
    writeStored(attemptId, null);
    onClosedRef.current();
  }, [attemptId]);

  // Declared with a ref so the timer, the `online` listener and the callbacks share one loop.
  const run = useRef<() => Promise<void>>(async () => {});
  run.current = async () => {
    if (busy.current || closed.current) return;
    if (!submitWanted.current && !unsaved.current) return;
    busy.current = true;
    clearTimeout(timer.current);
    const intent = submitWanted.current ? "submit" : "save";
    const sheet = latest.current;
    const reply = await send(attemptId, intent, sheet);
    busy.current = false;
    if (reply === "network" || reply === "server") {
      failures.current++;
      patch({ offline: reply === "network" || !navigator.onLine });
      const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(failures.current - 1, 5));
      timer.current = setTimeout(() => void run.current(), delay);
      return;
    }
    failures.current = 0;
    if (!reply.ok) {
      // Refused (a bad sheet, the session ended): retrying the same request would be refused again.
      submitWanted.current = false;
      patch({
        offline: false,
        submitting: false,
        error: reply.message === "session" ? sessionMessage : reply.message,
      });
      return;
    }
    if (reply.state !== "saved") return close(); // graded now, or earlier (time over, another tab)
    if (latest.current === sheet) {
      unsaved.current = false;
      writeStored(attemptId, { answers: sheet, unsaved: false });
    }
    patch({ offline: false, error: null, unsaved: unsaved.current });
    void run.current(); // a choice made meanwhile, or a submit asked for meanwhile
  };

  useEffect(() => {
    // Choices this browser kept but the server never confirmed (offline, then reloaded) win over the
    // server's copy: they are the learner's latest.
    const stored = readStored(attemptId);
    if (stored?.unsaved) {
      latest.current = stored.answers;
      unsaved.current = true;
      setAnswers(stored.answers);
      patch({ unsaved: true });
      void run.current();
    }
    const retry = () => {
      patch({ offline: false });
      failures.current = 0;
      void run.current();
    };
    const lost = () => patch({ offline: true });
    window.addEventListener("online", retry);
    window.addEventListener("offline", lost);
    if (!navigator.onLine) lost();
    return () => {
      window.removeEventListener("online", retry);
      window.removeEventListener("offline", lost);
      clearTimeout(timer.current);
    };
  }, [attemptId]);

  /** Sets one question's choices (the whole set for a multiple-choice question). */
  const choose = useCallback(
    (questionId: string, chosen: number[]) => {
      const next = { ...latest.current, [questionId]: chosen };
      latest.current = next;
      unsaved.current = true;
      writeStored(attemptId, { answers: next, unsaved: true });
      setAnswers(next);
      patch({ unsaved: true });
      void run.current();
    },
    [attemptId],
  );

  /** Submits the whole sheet; without a connection, as soon as it is back. Safe to call twice. */
  const submit = useCallback(() => {
    submitWanted.current = true;
    patch({ submitting: true, error: null });
    void run.current();
  }, []);

  return { answers, status, choose, submit };
}
