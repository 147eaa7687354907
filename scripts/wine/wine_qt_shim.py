"""Loaded by a .pth file in the wine test prefix (scripts/test-windows), and a runtime hook of the
bundle that suite builds under wine (ASSISTANT_BUILD_RUNTIME_HOOKS); never in a release build.

Under wine 8.0, QApplication aborts while asking Windows.UI.ViewManagement.UISettings for the
desktop's colours and fonts, which wine does not implement. Turning desktop-settings awareness
off before any QGuiApplication exists avoids the call; real Windows needs nothing of this.
The hook waits for PySide6.QtGui to be imported, so Python processes without Qt pay nothing."""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys


class _AfterQtGui(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
        if name != "PySide6.QtGui":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        original = loader.exec_module

        def exec_module(module):  # type: ignore[no-untyped-def]
            original(module)
            module.QGuiApplication.setDesktopSettingsAware(False)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


sys.meta_path.insert(0, _AfterQtGui())
