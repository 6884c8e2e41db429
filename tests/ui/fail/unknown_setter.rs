fn main() {
    let _ = group_api::dingtalk::UpdateGroupRequest::builder().chatid("c").chat_name("x").build();
}
