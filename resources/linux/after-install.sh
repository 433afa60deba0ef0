#!/bin/bash
# .deb post-install script: electron-builder's `deb.afterInstall` points here. Setting afterInstall
# REPLACES electron-builder's own after-install template, so its steps are kept below verbatim
# (copied from app-builder-lib 26.17.0 templates/linux/after-install.tpl; re-copy when upgrading).
# This file is a template: electron-builder substitutes its two macros (executable and
# sanitizedProductName, written dollar-brace-name) and refuses any other dollar-brace word made only
# of letters, so our own shell variables are written as $khqr_name or with a default (:-).
#
# ---------------------------------------------------------------- electron-builder's default steps

if type update-alternatives >/dev/null 2>&1; then
    # Remove previous link if it doesn't use update-alternatives
    if [ -L '/usr/bin/${executable}' -a -e '/usr/bin/${executable}' -a "`readlink '/usr/bin/${executable}'`" != '/etc/alternatives/${executable}' ]; then
        rm -f '/usr/bin/${executable}'
    fi
    update-alternatives --install '/usr/bin/${executable}' '${executable}' '/opt/${sanitizedProductName}/${executable}' 100 || ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
else
    ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
fi

# Check if user namespaces are supported by the kernel and working with a quick test:
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    # Use SUID chrome-sandbox only on systems without user namespaces:
    chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
    chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi

if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# Install apparmor profile. (Ubuntu 24+)
# First check if the version of AppArmor running on the device supports our profile.
# This is in order to keep backwards compatibility with Ubuntu 22.04 which does not support abi/4.0.
# In that case, we just skip installing the profile since the app runs fine without it on 22.04.
#
# Those apparmor_parser flags are akin to performing a dry run of loading a profile.
# https://wiki.debian.org/AppArmor/HowToUse#Dumping_profiles
#
# Unfortunately, at the moment AppArmor doesn't have a good story for backwards compatibility.
# https://askubuntu.com/questions/1517272/writing-a-backwards-compatible-apparmor-profile
if apparmor_status --enabled > /dev/null 2>&1; then
  APPARMOR_PROFILE_SOURCE='/opt/${sanitizedProductName}/resources/apparmor-profile'
  APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
    cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"

    # Updating the current AppArmor profile is not possible and probably not meaningful in a chroot'ed environment.
    # Use cases are for example environments where images for clients are maintained.
    # There, AppArmor might correctly be installed, but live updating makes no sense.
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      # Extra flags taken from dh_apparmor:
      # > By using '-W -T' we ensure that any abstraction updates are also pulled in.
      # https://wiki.debian.org/AppArmor/Contribute/FirstTimeProfileImport
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
    fi
  else
    echo "Skipping the installation of the AppArmor profile as this version of AppArmor does not seem to support the bundled profile"
  fi
fi

# ---------------------------------------------------------------- KHQR Counter POS: printer access
# >>> khqr-pos udev rule
# USB receipt printers: without this rule libusb gets LIBUSB_ERROR_ACCESS and the POS "works only
# with sudo". The rule ships in the app's resources (electron-builder extraResources) and is copied
# to /lib/udev/rules.d, where a same-named copy in /etc/udev/rules.d can override it.
# KHQR_POS_TEST_ROOT exists only so the project's tests can run this part in a scratch folder.
khqr_root="${KHQR_POS_TEST_ROOT:-}"
khqr_rule_name='60-khqr-pos-printer.rules'
khqr_rule_src=''
for khqr_candidate in \
  "$khqr_root/opt/${sanitizedProductName}/resources/linux/$khqr_rule_name" \
  "$khqr_root/opt/${sanitizedProductName}/resources/$khqr_rule_name"; do
  if [ -f "$khqr_candidate" ]; then khqr_rule_src="$khqr_candidate"; break; fi
done
if [ -z "$khqr_rule_src" ]; then
  echo "KHQR Counter POS: printer udev rule not found in the package; see the README (Printer set-up) to install it by hand." >&2
elif install -D -m 0644 "$khqr_rule_src" "$khqr_root/lib/udev/rules.d/$khqr_rule_name"; then
  # Apply it to printers already plugged in. No running udevd (chroot, container, image build) is
  # fine: the rule is read at the next boot, or after unplugging and replugging the printer.
  if command -v udevadm >/dev/null 2>&1; then
    { udevadm control --reload-rules && udevadm trigger --subsystem-match=usb --action=change; } >/dev/null 2>&1 || true
  fi
else
  echo "KHQR Counter POS: could not install $khqr_rule_name; see the README (Printer set-up) to install it by hand." >&2
fi
# <<< khqr-pos udev rule

# A failing last command would leave the package half-configured: the POS itself is installed.
exit 0
