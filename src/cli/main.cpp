#include "app.hpp"

int main(int argc, char** argv) {
    return escalate::cli::run(argc, argv);
}
