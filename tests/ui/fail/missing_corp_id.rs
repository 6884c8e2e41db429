fn main() {
    let _ = group_api::wecom::CorpGroupUser::builder().user_id("userid123").build();
}
