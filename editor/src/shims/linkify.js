// Stands in for `linkify-it` in the bundle: the editor's Markdown parser never turns bare
// addresses into links (CommonMark does not), so markdown-it never asks it anything.
export default class NoLinkify {
  set() { return this; }
  test() { return false; }
  pretest() { return false; }
  match() { return null; }
  matchAtStart() { return null; }
}
