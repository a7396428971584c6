fn main() { cmr_desk_lib::run() }
