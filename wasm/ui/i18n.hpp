// Every user-visible string, Vietnamese first and English second, in one table.
#pragma once
#include "result.hpp"

namespace diemquet::ui {

enum class Lang { Vi, En };

enum class Str {
  AppName, NavToday, NavManual, NavSettings, Online, Offline,
  InsideNow, InToday, OutToday, RecentTitle, NoEntries, DirIn, DirOut, Undone,
  NotConfigured, GoToSettings, ManualTitle, FieldName, FieldCccd, FieldPhone, FieldTime,
  IdHint, Direction, Save, Saving, Saved, SaveFailed, Undo, UndoDone,
  SettingsTitle, VenueName, ScanPointName, Language, DeviceId, SaveSettings, SettingsSaved,
  VenueRequired, ScanPointRequired, PendingSync, StoredOnDevice, DamagedRecords, NewEntry,
  VenueNamePlaceholder, ScanPointPlaceholder, NamePlaceholder, TimePlaceholder, Loading,
  Count_
};

void setLanguage(Lang lang);
Lang language();
const char* tr(Str s);
// The message shown beside a form field for a validation error.
const char* errorText(ErrorKind kind);

}  // namespace diemquet::ui
