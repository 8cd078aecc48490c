# AddressSanitizer + UndefinedBehaviorSanitizer for every target of this build.
# tshark itself is not instrumented: the tests preload libasan (see
# tests/tshark-env.sh) so the plugin's instrumentation has its runtime.
add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
add_link_options(-fsanitize=address,undefined)
