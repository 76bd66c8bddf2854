// The visitor's own details on their phone, for self check-in from a venue poster: who they
// are and a short health declaration. Remembered for the next visit; validated like the
// station's manual form (same rules, same error kinds), so the messages match.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "check_in.hpp"
#include "result.hpp"
#include "validation.hpp"

namespace diemquet::visitor {

// The short health declaration (the 2021 "khai báo y tế" questions, trimmed to what a
// market gate can ask in one screen). Each answer is yes/no; no answer means "no".
struct HealthDeclaration {
  bool fever = false;        // sốt
  bool cough = false;        // ho
  bool breath = false;       // khó thở
  bool soreThroat = false;   // đau họng
  bool lossOfTaste = false;  // mất vị giác / khứu giác
  bool contact = false;      // tiếp xúc gần với ca bệnh trong 14 ngày
  bool travel = false;       // đi về từ nơi khác trong 14 ngày
  std::string travelPlace;   // where from, when travel is true (at most 100 code points)

  bool anySymptom() const { return fever || cough || breath || soreThroat || lossOfTaste; }
  // Needs staff attention at the gate: any symptom or a contact with a case.
  bool needsAttention() const { return anySymptom() || contact; }
};

inline bool operator==(const HealthDeclaration& a, const HealthDeclaration& b) {
  return a.fever == b.fever && a.cough == b.cough && a.breath == b.breath && a.soreThroat == b.soreThroat &&
         a.lossOfTaste == b.lossOfTaste && a.contact == b.contact && a.travel == b.travel &&
         a.travelPlace == b.travelPlace;
}

struct VisitorProfile {
  std::string name;   // as typed; normalised by validateProfile
  std::string phone;  // required: it is how the health office reaches a visitor
  std::string cccd;   // optional
  HealthDeclaration declaration;
};

inline bool operator==(const VisitorProfile& a, const VisitorProfile& b) {
  return a.name == b.name && a.phone == b.phone && a.cccd == b.cccd && a.declaration == b.declaration;
}

constexpr size_t kMaxTravelPlaceCodePoints = 100;

// Checks every field at once (errors name their field: "name", "phone", "cccd",
// "travelPlace"); on success returns the profile normalised (NFC name with folded spaces,
// phone in its 0-form, travel place cleared when travel is false).
Result<VisitorProfile> validateProfile(const VisitorProfile& typed, FieldErrors* all = nullptr);

// The person a self check-in records: kind visitor, keyed by the CCCD when given (the same
// key a station's CCCD scan gives), else by the phone.
Person toPerson(const VisitorProfile& valid);

// JSON for the phone's journal and for the self check-in upload ("declaration" object).
nlohmann::json toJson(const HealthDeclaration& d);
HealthDeclaration declarationFromJson(const nlohmann::json& j);
nlohmann::json toJson(const VisitorProfile& p);
VisitorProfile profileFromJson(const nlohmann::json& j);

}  // namespace diemquet::visitor
