# dq_warnings(target): the warning set every first-party target builds with.
function(dq_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
endfunction()
