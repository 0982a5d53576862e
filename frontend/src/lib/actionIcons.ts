import CircleQuestionMark from '@lucide/svelte/icons/circle-question-mark';
import Cookie from '@lucide/svelte/icons/cookie';
import CreditCard from '@lucide/svelte/icons/credit-card';
import Dna from '@lucide/svelte/icons/dna';
import MapPin from '@lucide/svelte/icons/map-pin';
import MessageCircle from '@lucide/svelte/icons/message-circle';
import RefreshCw from '@lucide/svelte/icons/refresh-cw';
import ShoppingCart from '@lucide/svelte/icons/shopping-cart';
import ThumbsUp from '@lucide/svelte/icons/thumbs-up';
import Trash from '@lucide/svelte/icons/trash';
import Upload from '@lucide/svelte/icons/upload';
import UserPlus from '@lucide/svelte/icons/user-plus';
import Wallet from '@lucide/svelte/icons/wallet';
import type { Component } from 'svelte';

type Icon = Component<{ size?: number | string }>;

// The backend names a symbol per action; unknown names get a neutral one so
// a new action never breaks the screen.
const icons: Record<string, Icon> = {
  'thumbs-up': ThumbsUp,
  message: MessageCircle,
  upload: Upload,
  dna: Dna,
  'credit-card': CreditCard,
  wallet: Wallet,
  cookie: Cookie,
  'map-pin': MapPin,
  refresh: RefreshCw,
  trash: Trash,
  'user-plus': UserPlus,
  'shopping-cart': ShoppingCart,
};

export function actionIcon(name: string): Icon {
  return icons[name] ?? CircleQuestionMark;
}

/** "high" -> a word a person reads at a glance. */
export function severityLabel(s: string | undefined): string {
  return s === 'high' ? 'Serious' : s === 'medium' ? 'Notable' : s === 'low' ? 'Mild' : '';
}
