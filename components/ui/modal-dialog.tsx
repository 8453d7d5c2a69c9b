"use client";

import { useEffect, type ReactNode, type RefObject } from "react";
import { Button } from "./button";

/**
 * A modal <dialog> with a title, a line under it and Close: it opens when mounted, Escape and Close
 * close it (then `onClose`), focus stays inside. `ref` lets the content close it too.
 */
export function ModalDialog({
  ref,
  titleId,
  title,
  description,
  widthClass,
  onClose,
  children,
}: {
  ref: RefObject<HTMLDialogElement | null>;
  titleId: string;
  title: string;
  description: ReactNode;
  /** A Tailwind width, e.g. "w-[min(40rem,calc(100vw-2rem))]". */
  widthClass: string;
  onClose: () => void;
  children: ReactNode;
}) {
  useEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, [ref]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className={`m-auto ${widthClass} rounded-lg bg-white p-0 shadow-xl backdrop:bg-slate-900/40`}
    >
      <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
        <div>
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <p className="text-sm text-slate-600">{description}</p>
        </div>
        <Button variant="ghost" onClick={() => ref.current?.close()}>
          Close
        </Button>
      </div>
      {children}
    </dialog>
  );
}
