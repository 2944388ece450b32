/**
 * Sorting the short key lists of Kubernetes objects on the synthesis path.
 *
 * @internal
 */

/**
 * Sorts strings in place: by `compare`, or by UTF-16 code units (`Array.prototype.sort()`'s order)
 * without one. Lists of up to 32 items get an insertion sort, which, unlike `Array.prototype.sort`,
 * allocates nothing; longer ones use `Array.prototype.sort`.
 *
 * @internal
 */
export function sortStrings(list: string[], compare?: (a: string, b: string) => number): void {
  if (list.length > 32) {
    list.sort(compare);
    return;
  }
  for (let i = 1; i < list.length; i++) {
    const x = list[i];
    let j = i - 1;
    while (j >= 0 && (compare ? compare(list[j], x) > 0 : list[j] > x)) {
      list[j + 1] = list[j];
      j--;
    }
    list[j + 1] = x;
  }
}
