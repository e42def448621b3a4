@echo off
rem The pixelrnn command-line tool on Windows, from the distribution archive: lib\ holds the
rem library (with the pretrained models inside) and every dependency, the PyTorch natives for
rem Windows x86_64 included.
setlocal
set "APP_HOME=%~dp0.."
java %JAVA_OPTS% -Dai.djl.offline=true -cp "%APP_HOME%\lib\*" io.github.pixelrnn.cli.Main %*
exit /b %ERRORLEVEL%
