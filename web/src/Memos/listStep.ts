/** How many memos the list shows at first, and how many more each "Load more" adds: the device has them all, the page need not. */
export const LIST_STEP = 20;
