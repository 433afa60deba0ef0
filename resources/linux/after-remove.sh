#!/bin/bash
# .deb post-remove script: electron-builder's `deb.afterRemove` points here. Setting afterRemove
# REPLACES electron-builder's own after-remove template, so its steps are kept below verbatim
# (copied from app-builder-lib 26.17.0 templates/linux/after-remove.tpl; re-copy when upgrading).
# This file is a template: electron-builder substitutes its two macros (executable and
# sanitizedProductName, written dollar-brace-name) and refuses any other dollar-brace word made only
# of letters, so our own shell variables are written as $khqr_name or with a default (:-).
#
# ---------------------------------------------------------------- electron-builder's default steps

# Delete the link to the binary
# update-alternatives --remove <name> <path>: 'path' must be the registered alternative binary,
# not the generic symlink — see https://man7.org/linux/man-pages/man1/update-alternatives.1.html
if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}'
else
    rm -f '/usr/bin/${executable}'
fi

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'

# Remove and unload apparmor profile.
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  # Unload the profile from the running kernel before deleting the file so the
  # policy is not left enforced until the next reboot.  Mirror the chroot guard
  # used in the after-install script — live AppArmor operations are not
  # meaningful inside a chroot.
  # https://wiki.debian.org/AppArmor/HowToUse
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi
# ---------------------------------------------------------------- KHQR Counter POS: printer access
# >>> khqr-pos udev rule
# Remove the printer rule on remove/purge only: on an upgrade dpkg runs this script with "upgrade"
# and the new version's after-install puts the rule back. Printers keep their access until replugged.
# KHQR_POS_TEST_ROOT exists only so the project's tests can run this part in a scratch folder.
khqr_root="${KHQR_POS_TEST_ROOT:-}"
case "${1:-remove}" in
  remove|purge)
    rm -f "$khqr_root/lib/udev/rules.d/60-khqr-pos-printer.rules"
    if command -v udevadm >/dev/null 2>&1; then
      udevadm control --reload-rules >/dev/null 2>&1 || true
    fi
    ;;
esac
# <<< khqr-pos udev rule

exit 0
