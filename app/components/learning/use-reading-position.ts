// A lesson page's reading position: restored on open, saved in the background (intent "position").
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";

/** Saves how far down the page the learner is, at most every 2 s, so the reader can resume there. */
export function useReadingPosition(lessonId: string, scrollTo: number) {
  const fetcher = useFetcher();
  const last = useRef(scrollTo);
  const submit = fetcher.submit;
  useEffect(() => {
    if (scrollTo > 0) {
      const max = document.documentElement.scrollHeight - window.innerHeight;
      window.scrollTo({ top: Math.round(scrollTo * max) });
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        const max = document.documentElement.scrollHeight - window.innerHeight;
        const pos = max > 0 ? Math.min(1, window.scrollY / max) : 0;
        if (Math.abs(pos - last.current) < 0.05) return;
        last.current = pos;
        submit({ intent: "position", lessonId, position: pos.toFixed(3) }, { method: "post" });
      }, 2000);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      window.removeEventListener("scroll", onScroll);
      if (timer) clearTimeout(timer);
    };
  }, [lessonId, scrollTo, submit]);
}
