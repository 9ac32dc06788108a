// Time left on a timed attempt, measured against the server's clock; calls onExpire once at zero.
import { useEffect, useRef, useState } from "react";
import { useT } from "~/utils/i18n";

export function Countdown({
  deadline,
  serverNow,
  onExpire,
}: {
  deadline: string;
  serverNow: string;
  onExpire: () => void;
}) {
  const t = useT();
  // Measure against the server's clock, not the device's (which may be wrong).
  const [skew] = useState(() => Date.parse(serverNow) - Date.now());
  const [left, setLeft] = useState(() => Date.parse(deadline) - Date.parse(serverNow));
  const fired = useRef(false);
  useEffect(() => {
    const id = setInterval(() => {
      const ms = Date.parse(deadline) - (Date.now() + skew);
      setLeft(ms);
      if (ms <= 0 && !fired.current) {
        fired.current = true;
        onExpire();
      }
    }, 1000);
    return () => clearInterval(id);
  }, [deadline, skew, onExpire]);
  const s = Math.max(0, Math.floor(left / 1000));
  const text = `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  return (
    <p
      className={`font-mono text-lg ${s < 60 ? "text-red-700" : "text-slate-800"}`}
      role="timer"
      aria-label={t("quiz.timeLeft")}
    >
      {t("quiz.timeLeft")}: {text}
    </p>
  );
}
