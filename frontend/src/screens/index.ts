import Bell from '@lucide/svelte/icons/bell';
import CircleQuestionMark from '@lucide/svelte/icons/circle-question-mark';
import Columns3 from '@lucide/svelte/icons/columns-3';
import ListChecks from '@lucide/svelte/icons/list-checks';
import Search from '@lucide/svelte/icons/search';
import SettingsIcon from '@lucide/svelte/icons/settings';
import type { Component } from 'svelte';
import { hasMethod, type FullBackend } from '../lib/api';
import Changes from './Changes.svelte';
import Compare from './Compare.svelte';
import Explain from './Explain.svelte';
import History from './History.svelte';
import Platform from './Platform.svelte';
import Read from './Read.svelte';
import SearchScreen from './Search.svelte';
import Settings from './Settings.svelte';
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
  /** The sidebar entry a detail screen belongs to. */
  parent?: string;
  /** Backend methods the screen needs; it stays hidden until they exist. */
  needs?: (keyof FullBackend)[];
}

const all: Screen[] = [
  { id: 'watchlist', label: 'Watchlist', icon: ListChecks, component: Watchlist, nav: true },
  { id: 'changes', label: 'Changes', icon: Bell, component: Changes, nav: true },
  { id: 'search', label: 'Search', icon: Search, component: SearchScreen, nav: true },
  {
    id: 'explain',
    label: 'What happens if I…',
    icon: CircleQuestionMark,
    component: Explain,
    nav: true,
    needs: ['Actions', 'Explain'],
  },
  { id: 'compare', label: 'Compare', icon: Columns3, component: Compare, nav: true, needs: ['Compare', 'Kinds'] },
  {
    id: 'settings',
    label: 'Settings',
    icon: SettingsIcon,
    component: Settings,
    nav: true,
    needs: ['Settings', 'SaveSettings'],
  },
  { id: 'platform', label: 'Platform', icon: ListChecks, component: Platform, nav: false, parent: 'watchlist' },
  { id: 'history', label: 'History', icon: ListChecks, component: History, nav: false, parent: 'watchlist' },
  { id: 'read', label: 'Archived version', icon: ListChecks, component: Read, nav: false, parent: 'watchlist' },
];

/**
 * The screens that work with this backend: the sidebar never offers a dead
 * end. Read at render time, because the bindings are injected before the
 * app starts.
 */
export function available(): Screen[] {
  return all.filter((s) => (s.needs ?? []).every((m) => hasMethod(m)));
}

/** Kept for callers that list screens once (tests, the sidebar's first paint). */
export const screens: Screen[] = all;

export function screenFor(id: string): Screen {
  const list = available();
  return list.find((s) => s.id === id) ?? list[0]!;
}

/** Sidebar screens in order: Ctrl+1 opens the first, Ctrl+2 the second… */
export function navScreens(): Screen[] {
  return available().filter((s) => s.nav);
}
