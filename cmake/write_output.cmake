# cmake -DPROGRAM=... -DARGS=a;b -DOUTPUT=file -P write_output.cmake: runs PROGRAM with ARGS and
# writes its standard output to OUTPUT (a build step that fails when the program does).
execute_process(COMMAND ${PROGRAM} ${ARGS} OUTPUT_FILE ${OUTPUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUTPUT})
  message(FATAL_ERROR "${PROGRAM} ${ARGS} failed: ${rc}")
endif()
