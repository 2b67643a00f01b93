# The version, as text and JSON.
# tolerance: exact
# checked: behaviour only; 0.1.0 is project(xinzhi VERSION 0.1.0) in CMakeLists.txt.
xinzhi version
xinzhi version --json
