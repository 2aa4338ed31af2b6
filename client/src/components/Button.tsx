import type { AnchorHTMLAttributes, ButtonHTMLAttributes, MouseEvent, Ref } from "react";

type Variant = "primary" | "secondary" | "quiet";

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  /** While true the button says so and ignores clicks, but stays focusable (unlike `disabled`). */
  isBusy?: boolean;
  busyLabel?: string;
  /** To move focus to the button (React 19 passes `ref` as a prop). */
  ref?: Ref<HTMLButtonElement>;
}

function classFor(variant: Variant, extra?: string): string {
  return ["button", `button--${variant}`, extra].filter(Boolean).join(" ");
}

/** A button; `type` defaults to "button" so it never submits a form by accident. */
export function Button({
  variant = "primary",
  isBusy = false,
  busyLabel = "Working…",
  type = "button",
  className,
  onClick,
  children,
  ...rest
}: ButtonProps) {
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (isBusy) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <button
      {...rest}
      type={type}
      className={classFor(variant, className)}
      aria-disabled={isBusy || undefined}
      onClick={handleClick}
    >
      {isBusy ? busyLabel : children}
    </button>
  );
}

export interface LinkButtonProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  variant?: Variant;
}

/** A link that looks like a button: for navigation, where a button would be the wrong element. */
export function LinkButton({ variant = "primary", className, ...rest }: LinkButtonProps) {
  return <a {...rest} className={classFor(variant, className)} />;
}
