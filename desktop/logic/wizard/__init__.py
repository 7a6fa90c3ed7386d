"""The wizard's Qt-free logic: edits, navigation, drafts."""
