export type AddTab = 'catalog' | 'url';

/** Window-wide UI state that several screens can drive. */
class UI {
  addDialog = $state<{ open: boolean; tab: AddTab; name: string }>({ open: false, tab: 'catalog', name: '' });

  openAdd(tab: AddTab = 'catalog', name = ''): void {
    this.addDialog = { open: true, tab, name };
  }

  closeAdd(): void {
    this.addDialog = { ...this.addDialog, open: false };
  }
}

export const ui = new UI();
