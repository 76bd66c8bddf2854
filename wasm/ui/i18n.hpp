// Every user-visible string, Vietnamese first and English second, in one table.
#pragma once
#include <optional>

#include "result.hpp"

namespace diemquet::ui {

enum class Lang { Vi, En };

// Add a key here and its entry anywhere in i18n.cpp's table (entries carry their key).
enum class Str {
  AppName, NavToday, NavManual, NavSettings, Online, Offline, ConnLocalOnly, ConnConnecting, ConnServerTrouble, ConnNeedsCode,
  SyncTitle, EnrollCode, EnrollConnect, Enrolling, EnrollBadFormat, EnrollInvalid, EnrollOffline,
  EnrollServerError, EnrollStorage, EnrollDone, Enrolled, NotEnrolled, ChooseScanPoint, SyncNow, SyncOfflineHold,
  Syncing,
  LastSync, Never, SyncRejected, SyncOffline, SyncServerError, SyncStorage, SyncReenroll, SyncRefused,
  RetentionInfo, RetentionOldUnsynced,
  InsideNow, InsideViaOtherPhones, PresenceAsOf, InToday, OutToday, RecentTitle, RecentTitleNone, NoEntries, DirIn, DirOut, Undone,
  NotConfigured, NotSetUp, GoToSettings, ManualTitle, FieldName, FieldCccd, FieldPhone, FieldTime,
  IdHint, Direction, Save, Saving, Saved, SaveFailed, FixBelow, FixInManual, NotSaved, Undo, UndoDone,
  SettingsTitle, VenueName, ScanPointName, RepeatWindow, RepeatWindowHint, RepeatWindowBad, Language, DeviceId, SaveSettings, SettingsSaved,
  VenueRequired, ScanPointRequired, PendingSync, StoredOnDevice, DamagedRecords, NewEntry,
  VenueNamePlaceholder, ScanPointPlaceholder, NamePlaceholder, TimePlaceholder, Loading,
  NavScan, ScanHint, CameraStart, CameraStarting, CameraDenied, CameraUnavailable, CameraError,
  SwitchCamera, Torch, FlipDirection, ScanRepeat, ManualRepeat, ScanLast, ScanLastRefused, ScanLastPoster, ScanLastNotSetUp, SavedLast, RecordOutNow, RecordInNow, CheckedOut, CorrectedByOtherGate, CorrectedOnOtherPhone, OnOtherPhone, ShowCard, HideCard, BirthYear, ScanPoster, ScanNotConfigured, ScanRefusedNotSetUp,
  ScanMangled, ScanBroken, CardName, CardId, CardOldId, CardBirth, CardSex, CardAddress, CardIssued,
  CardExpiry, CardValid, CardClinic, CardWarning, BhytExpired, CccdExpired, KindCccd, KindBhyt, KindPcCovid, KindVisitor, UseManual,
  CloseDay, CloseDayConfirm, CloseDayDone, CloseDayCount, NobodyInside, CloseDayHere, CloseDayOthersOnly, Cancel,
  BindTitle, BindHint, BindPaste, BindButton, BindOffer, BindScanned, BindDone, BindNoCode, BindUnchanged, BindStorage,
  BindNoKeyRing, BindMalformed, BindUnknownKey, BindForged, BindRevoked, BindNotYetValid, BindExpired,
  BindCodeOffline, BindCodeUnknown, BindCodeAmbiguous, PosterBadIds,
  PosterDownload, PosterHint, PosterDownloading, PosterDownloaded, PosterOffline, PosterNotAllowed, PosterServerError,
  MakePass, PassTitle, PassHint, PassDownload, Done, Confirm,
  VisitorNoKeyRing, VisitorMalformed, VisitorUnknownKey, VisitorForged, VisitorRevoked, VisitorNotYetValid,
  VisitorExpired, VisitorNoPoster, VisitorOfflineHint, VisitorTitle, VisitorOnline, VisitorOffline,
  VisitorScanPoint, VisitorPhoneNeeded, VisitorTravelNeeded, VisitorName, VisitorNamePlaceholder, VisitorPhone,
  VisitorCccd, VisitorSymptoms, VisitorContactQ, VisitorNo, VisitorYes, VisitorTravelQ, VisitorFromWhere,
  VisitorFromPlaceholder, VisitorPrivacy, VisitorCheckIn, VisitorCheckOut, VisitorFix, VisitorFixMany, VisitorSaving,
  VisitorSaveFailed, VisitorSavedIn, VisitorSavedOut, VisitorPending, VisitorSymFever, VisitorSymCough,
  VisitorSymBreath, VisitorSymThroat, VisitorSymTaste, VisitorReport,
  VisitorAlertTitle, VisitorAlertWhere, VisitorAlertWindow, VisitorAlertPrivate, VisitorNoAlerts, VisitorListRefused,
  KioskInstructions, KioskNoTap, KioskSavedIn, KioskSavedOut, KioskRepeat, KioskRejected, KioskExit, KioskPin,
  KioskPinWrong, KioskPinWait, KioskLeave, KioskSetupTitle, KioskSetupHint, KioskStart, KioskPinInvalid,
  VisitorHistory, VisitorHistoryEmpty, VisitorHistoryKeep, VisitorHistoryExport, VisitorDirIn, VisitorDirOut,
  OfficeTitle, OfficeLogin, OfficeUsername, OfficePassword, OfficeLoginFailed, OfficeTooMany,
  OfficeNetworkError, OfficeServerError, OfficeLogout, OfficeTabReport, OfficeTabViolations, OfficeTabTrace,
  OfficeTabVenues, OfficePrevWeek, OfficeNextWeek, OfficeWeekLabel, OfficeWeekAxis, OfficeTrendNone, OfficeStaffNotDeclared, OfficeArea, OfficeVenues, OfficeWithPoster, OfficeWithScan,
  OfficeScans, OfficeStaffColumn, OfficePerStaff, OfficeNonComplying, OfficeMoreNonComplying, OfficeTrend, OfficeExportXlsx, OfficeExportCsv, OfficeUpdatedAt, OfficeRefresh, OfficeDateFormat, OfficeFromEmpty, OfficeDateOrder, OfficeDateRange,
  OfficePrint, OfficeRemind, OfficeReminders, OfficeRemindNote, OfficeReminderRecorded, OfficeScansOfStaff, OfficeScansStaffUndeclared, OfficeSuspend, OfficeNoScans, OfficeLowScans,
  OfficeOpenViolation, OfficeNewlyRegistered, OfficeNewlyRegisteredNote, OfficeOnlyNewVenues, OfficeAllComply, OfficeNoVenuesInWeek, OfficeByArea, OfficeEmptyWards, OfficeEmptyAreas,
  OfficeShowList, OfficeHideList, OfficeShowAllNonComplying, OfficeNoViolations, OfficeResolve, OfficeResolveNote,
  OfficeNoteRequired, OfficeComplaintByPhone, OfficeComplaintClose, OfficeComplaintVenue, OfficeComplaintVenueHint,
  OfficeComplaintNoVenue, OfficeComplaintKind, OfficeComplaintNote, OfficeComplaintSend, OfficeComplaintChooseVenue,
  OfficeComplaintChooseKind, OfficeComplaintRecorded, OfficeKindNoPoster, OfficeKindWrongInfo, OfficeKindCannotScan, OfficeKindStaff,
  OfficeReporterPublic, OfficeReporterOfficer, OfficeMinutesShort,
  OfficeMarginNote, OfficeMarginBad,
  OfficeTraceId, OfficeFrom, OfficeTo, OfficeMargin, OfficeReason, OfficeReasonRequired, OfficeBadInput,
  OfficeRunTrace, OfficeVisits, OfficeContacts, OfficeEstimatedTime, OfficeNoResults, OfficeExposurePublish, OfficeExposureAllPoints,
  OfficeExposureAdvice, OfficeExposureAdviceRequired, OfficeExposureAdviceDefault, OfficeExposureSend, OfficeExposurePublished, OfficeExposures,
  OfficeExposureWithdraw, OfficeExposureWithdrawn, OfficeStaffPhones, OfficeExposureNone, OfficeRegisterVenue, OfficeImportVenues, OfficeVenueName,
  OfficeVenueNameRequired, OfficeStaffRequired, OfficeAddress, OfficeWard, AreaSearchHint, AreaNoMatch, OfficeChooseWard, OfficeCategory, OfficeChoose,
  CatRestaurant, CatOffice, CatFactory, CatHotel, CatBar, CatKaraoke, CatMassage, CatGym, CatMeeting, CatHospital, CatApartment, CatSchool, CatBusStation, CatPublicTransport, CatShoppingCentre, CatMarket, CatEssentialShop, CatFuneral, CatWedding, CatTouristSite, CatReligiousSite, CatOther, OfficeStaff, OfficePhone, OfficeScanPoints, OfficeRegister,
  OfficeRegistered, OfficeIssueCode, OfficeCodeHint, OfficeCodeNextSteps, OfficeDownloaded, OfficeOtherLanguage,
  OfficePostersTitle, OfficePostersHint, OfficePostersVenue, OfficePostersChooseVenue, OfficePostersDone, OfficePostersPrint,
  OfficePostersNoScanPoints, OfficePostersRejected, OfficePostersOutsideArea, OfficePostersNotFound,
  OfficeTabOfficers, OfficeAskAbove, OfficeOfficersTitle, OfficeOfficersNone, OfficeOfficerAdd, OfficeOfficerArea,
  OfficeOfficerCreate, OfficeOfficerActive, OfficeOfficerDisabled, OfficeOfficerDisable, OfficeOfficerEnable,
  OfficeOfficerReset, OfficeOfficerConfirm, OfficeCancel, OfficeOfficerCreated, OfficeOfficerNewPassword,
  OfficeOfficerPasswordOnce, OfficeUsernameRule, OfficeUsernameTaken, OfficeOutsideArea, OfficeChooseArea,
  OfficeOfficerDone, OfficeVerifyTitle, OfficeVerifySameAs, OfficeVerifyConfirm, OfficeVerifyReject,
  OfficeVerifyReason, OfficeVerifyReasonRequired, OfficeVerifyConfirmed, OfficeVerifyRejected,
  OfficeReportUnverified,
  StorageChecking, StoragePersistent, StorageNotPersistent, StorageExplain, StorageAsk,
  InstallTitle, InstallIos, InstallOther,
  Count_
};

void setLanguage(Lang lang);
Lang language();
const char* tr(Str s);
// Why a check-in typed as "VÀO" now reads "RA" (the server's timeline): the person had come in
// on another phone at this gate, or at another gate.
inline const char* correctionReason(bool onOtherPhone) {
  return tr(onOtherPhone ? Str::CorrectedOnOtherPhone : Str::CorrectedByOtherGate);
}
// In a given language, whatever the screen's: text written for someone else (a visitor).
const char* trIn(Str s, Lang lang);
// A message kept as its key (a field's error, an outcome) in the current language; nullptr when
// there is none. Screens keep keys, not translated text: a text made when the message appeared
// stayed in the old language after a switch in Settings.
inline const char* trIf(const std::optional<Str>& s) { return s ? tr(*s) : nullptr; }
// True when every Str has an entry (checked at start-up in debug builds and by the e2e tests).
bool allStringsPresent();
// The message shown beside a form field for a validation error.
const char* errorText(ErrorKind kind);

}  // namespace diemquet::ui
