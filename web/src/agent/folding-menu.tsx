import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';

// On a phone the side menu folds away behind a button in the top bar (CSS shows the button and
// hides the folded menu below 760 px; on a wider screen the menu always shows). Escape and following
// a link fold it again.

export function useFoldingMenu() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const location = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page folds the menu
  useEffect(() => setOpen(false), [location.pathname, location.search]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return { open, setOpen, button };
}

export function MenuButton({ menu }: { menu: ReturnType<typeof useFoldingMenu> }) {
  return (
    <button
      type="button"
      ref={menu.button}
      className="menu-toggle"
      aria-expanded={menu.open}
      aria-controls="side-menu"
      onClick={() => menu.setOpen(!menu.open)}
    >
      <span aria-hidden="true">☰</span> Menu
    </button>
  );
}
