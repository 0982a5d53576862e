import ListChecks from '@lucide/svelte/icons/list-checks';
import type { Component } from 'svelte';
import Watchlist from './Watchlist.svelte';

export interface ScreenProps {
  /** Path segments after the screen id in the URL hash. */
  params: string[];
}

export interface Screen {
  id: string;
  label: string;
  icon: Component<{ size?: number | string }>;
  component: Component<ScreenProps>;
  /** Whether the sidebar lists it; detail screens are reached from others. */
  nav: boolean;
}

// Only screens that work are registered: the sidebar never offers a dead end.
export const screens: Screen[] = [
  { id: 'watchlist', label: 'Watchlist', icon: ListChecks, component: Watchlist, nav: true },
];

export function screenFor(id: string): Screen {
  return screens.find((s) => s.id === id) ?? screens[0]!;
}
