@echo off
rem Launcher of the pixelrnn command-line tool from a source checkout on Windows: builds the core
rem module with Maven on first use (after changing the sources, delete core\target or run
rem "mvn -pl core -am compile dependency:copy-dependencies -DincludeScope=runtime"), then runs
rem the CLI with DJL offline. The classpath is a wildcard over the copied dependencies, which
rem keeps the command line short.
setlocal
set "HERE=%~dp0"
set "CORE=%HERE%core"
if not exist "%CORE%\target\classes\io\github\pixelrnn\cli\Main.class" goto build
if not exist "%CORE%\target\dependency" goto build
goto run
:build
echo pixelrnn: building (first run: a few minutes to download the dependencies and the PyTorch natives)... 1>&2
where mvn >nul 2>nul
if errorlevel 1 (
  echo error: Maven ^(mvn^) is needed to build pixelrnn 1>&2
  exit /b 2
)
pushd "%HERE%"
call mvn -q -B -pl core -am -DskipTests compile dependency:copy-dependencies -DincludeScope=runtime
if errorlevel 1 (
  popd
  echo error: the build failed ^(see above^) 1>&2
  exit /b 1
)
popd
:run
java %JAVA_OPTS% -Dai.djl.offline=true -cp "%CORE%\target\classes;%CORE%\target\dependency\*" io.github.pixelrnn.cli.Main %*
exit /b %ERRORLEVEL%
